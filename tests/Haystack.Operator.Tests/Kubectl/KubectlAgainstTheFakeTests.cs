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
        await client.CreateVolumeAsync("dev", 1, VolumePhase.Writable);
        await client.CreateVolumeAsync("dev", 2, VolumePhase.ReadOnly);
        await client.CreateVolumeAsync("dev", 3, VolumePhase.ReadOnly);
        await client.CreateVolumeAsync("dev", 4, VolumePhase.Degraded, state: ReplicaState.Missing);
        await client.CreateVolumeAsync("dev", 5, VolumePhase.Compacting);
        var reconciler = new HaystackClusterReconciler(client, TimeProvider.System, NullLoggerFactory.Instance);
        await reconciler.ReconcileAsync("haystack", "dev", CancellationToken.None);
        var table = Rows(await kubectl.RunAsync("get", "haystackclusters"));
        var wide = Rows(await kubectl.RunAsync("get", "haystackclusters", "-o", "wide"));

        Assert.Equal(["NAME", "READY", "RECONCILED", "WRITABLE", "READ-ONLY", "DEGRADED", "CAPACITY", "AGE"], table[0]);
        Assert.Equal(["dev", "False", "True", "1", "2", "1", "300Gi"], table[1][..7]);
        Assert.Equal(2, table.Count);
        Assert.Equal(["REASON", "COMPACTING", "VOLUMES", "STORES", "IMAGE"], wide[0][8..]);
        // The directory has no pod in the fake, so that is the first reason an upload fails.
        Assert.Equal(["DirectoryUnavailable", "1", "5"], wide[1][8..11]);
    }

    private static List<string[]> Rows(string table) =>
        table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
