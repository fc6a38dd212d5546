using Microsoft.Extensions.Logging.Abstractions;
using Haystack.Kubernetes.Fake;
using Haystack.Operator.Entities;
using Haystack.Operator.Reconciliation;
using Haystack.Operator.Tests.Support;
using Haystack.Testing;
using k8s.Models;

namespace Haystack.Operator.Tests.Kubectl;

/// <summary>
/// What a user does on a fresh cluster, with the real kubectl against the fake API server: server-side apply of the
/// CRDs, the operator's manifests and a sample cluster, then (after the operator reconciled) kubectl get shows the
/// status columns the CRD defines.
/// </summary>
public sealed class KubectlAgainstTheFakeTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("haystack-kubectl-").FullName;

    [Fact]
    public async Task Kubectl_applies_the_manifests_and_shows_the_operators_status_columns()
    {
        await using var fake = await FakeApiServer.StartAsync();
        var kubectl = new Support.Kubectl(fake.WriteKubeconfig(Path.Combine(_directory, "kubeconfig"), ns: "haystack"), Path.Combine(_directory, "cache"));

        var crds = await kubectl.RunAsync("apply", "--server-side", "--validate=false", "-f", RepositoryRoot.Combine("crds"));
        var manifests = await kubectl.RunAsync("apply", "--server-side", "--validate=false", "-f", RepositoryRoot.Combine("config", "operator"));
        var sample = await kubectl.RunAsync(
            "apply", "--server-side", "--validate=false", "-f", RepositoryRoot.Combine("config", "samples", "haystack_v1alpha1_haystackcluster_minimal.yaml"));

        Assert.Contains("customresourcedefinition.apiextensions.k8s.io/haystackclusters.haystack.io serverside-applied", crds);
        Assert.Contains("deployment.apps/haystack-operator serverside-applied", manifests);
        Assert.Contains("haystackcluster.haystack.io/dev serverside-applied", sample);

        using var client = fake.CreateClient();
        var reconciler = new HaystackClusterReconciler(client, TimeProvider.System, NullLoggerFactory.Instance);
        await reconciler.ReconcileAsync("haystack", "dev", CancellationToken.None);
        var table = await kubectl.RunAsync("get", "haystackclusters");

        var lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["NAME", "READY", "RECONCILED", "CAPACITY", "VOLUMES", "AGE"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var row = lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["dev", "False", "True", "300Gi", "0"], row[..5]);
        Assert.Equal(2, lines.Length);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
