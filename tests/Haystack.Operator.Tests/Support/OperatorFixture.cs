using Haystack.Operator.Api;
using k8s;
using Haystack.Kubernetes.Fake;
using k8s.Models;
using Haystack.Operator.Entities;
using Haystack.Operator.Reconciliation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Haystack.Operator.Tests.Support;

/// <summary>
/// A fake API server with the Haystack CRDs served, the real client over HTTP, and a reconciler.
/// Each test gets its own server, so tests run in parallel without sharing objects.
/// </summary>
internal sealed class OperatorFixture : IAsyncDisposable
{
    private OperatorFixture(FakeApiServer server)
    {
        Server = server;
        Client = server.CreateClient();
        Loggers = LoggerFactory.Create(logging => logging.AddProvider(new FakeLoggerProvider(Log)));
        Reconciler = new HaystackClusterReconciler(Client, TimeProvider.System, Loggers);
    }

    public FakeApiServer Server { get; }
    public IKubernetes Client { get; }
    public HaystackClusterReconciler Reconciler { get; }
    public FakeLogCollector Log { get; } = new();

    /// <summary>Loggers that write to <see cref="Log"/>.</summary>
    public ILoggerFactory Loggers { get; }

    public static async Task<OperatorFixture> StartAsync()
    {
        var server = await FakeApiServer.StartAsync();
        server.RegisterCustomResource(HaystackApi.Group, HaystackApi.Version, "haystackclusters", HaystackApi.ClusterKind, namespaced: true, hasStatus: true);
        server.RegisterCustomResource(HaystackApi.Group, HaystackApi.Version, "volumes", HaystackApi.VolumeKind, namespaced: true, hasStatus: true);
        return new OperatorFixture(server);
    }

    /// <summary>Creates the minimal sample cluster (3 stores, 2 directories, 2 caches) in namespace "haystack".</summary>
    public async Task<V1Alpha1HaystackCluster> CreateClusterAsync(Action<V1Alpha1HaystackCluster>? edit = null)
    {
        var cluster = NewCluster();
        edit?.Invoke(cluster);
        return await Client.CreateAsync(HaystackResourceKinds.Clusters, cluster, "haystack");
    }

    public Task<ReconcileResult> ReconcileAsync() => Reconciler.ReconcileAsync("haystack", "photos", CancellationToken.None);

    public Task<V1Alpha1HaystackCluster> GetClusterAsync() =>
        Client.ReadAsync<V1Alpha1HaystackCluster>(HaystackResourceKinds.Clusters, "photos", "haystack");

    /// <summary>Plays the StatefulSet and Deployment controllers: every pod of every workload is ready.</summary>
    public async Task MarkWorkloadsReadyAsync()
    {
        foreach (var name in new[] { "photos-store", "photos-cache" })
        {
            var set = await Client.AppsV1.ReadNamespacedStatefulSetAsync(name, "haystack");
            set.Status = new V1StatefulSetStatus
            {
                ObservedGeneration = set.Metadata.Generation,
                Replicas = set.Spec!.Replicas ?? 1,
                ReadyReplicas = set.Spec.Replicas,
            };
            await Client.AppsV1.ReplaceNamespacedStatefulSetStatusAsync(set, name, "haystack");
        }
        var deployment = await Client.AppsV1.ReadNamespacedDeploymentAsync("photos-directory", "haystack");
        deployment.Status = new V1DeploymentStatus
        {
            ObservedGeneration = deployment.Metadata.Generation,
            Replicas = deployment.Spec!.Replicas,
            AvailableReplicas = deployment.Spec.Replicas,
            ReadyReplicas = deployment.Spec.Replicas,
        };
        await Client.AppsV1.ReplaceNamespacedDeploymentStatusAsync(deployment, "photos-directory", "haystack");
    }

    /// <summary>Every child kind and name the operator creates for the cluster "photos".</summary>
    public static IReadOnlyList<(ChildKind Kind, string Name)> ExpectedChildren { get; } =
        ReconcileSteps.DesiredChildren(NewCluster()).Select(c => (c.Kind, c.Name)).ToList();

    private static V1Alpha1HaystackCluster NewCluster()
    {
        var cluster = TestClusters.Minimal();
        cluster.Metadata = new V1ObjectMeta { Name = "photos", NamespaceProperty = "haystack" };
        return cluster;
    }

    public async Task<bool> ExistsAsync(ChildKind kind, string name) =>
        await kind.Read(Client, name, "haystack", CancellationToken.None).OrNullWhenNotFound() is not null;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Loggers.Dispose();
        await Server.DisposeAsync();
    }
}
