using Haystack.Install.Tests.Support;

namespace Haystack.Install.Tests;

/// <summary>What `helm install` prints tells the user the next commands, with the names the release really has.</summary>
public sealed class ChartNotesTests
{
    [Fact]
    public void Notes_name_the_operator_deployment_and_how_to_create_a_cluster()
    {
        var notes = Notes();

        Assert.Contains("kubectl -n haystack-system rollout status deployment/haystack-operator", notes);
        Assert.Contains("kubectl apply -f config/samples/haystack_v1alpha1_haystackcluster.yaml", notes);
        Assert.Contains("http://<cluster>-directory.<namespace>.svc:8080/upload", notes);
    }

    [Fact]
    public void Notes_with_a_cluster_in_the_release_say_how_to_watch_and_grow_it()
    {
        var notes = Notes("--values", Chart.AllOptionsValues);

        Assert.Contains("kubectl -n photos get haystackcluster photos -w", notes);
        Assert.Contains("cluster.spec.store.replicas", notes);
        Assert.Contains("watches HaystackClusters in namespace photos", notes);
    }

    private static string Notes(params string[] arguments)
    {
        var output = InstalledTool.Helm(["install", "haystack", Chart.Directory, "--namespace", Chart.Namespace, "--dry-run=client", .. arguments]).Succeeded();
        var start = output.IndexOf("NOTES:", StringComparison.Ordinal);
        Assert.True(start >= 0, $"helm install printed no NOTES:\n{output}");
        return output[start..];
    }
}
