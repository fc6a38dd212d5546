using Haystack.Tests.Support;

namespace Haystack.Tests.EndToEnd;

/// <summary>One cluster (3 stores, replication 3, directory, cache) shared by the read-path tests, which do not break it.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public LocalCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await LocalCluster.StartAsync(stores: 3, replication: 3);

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
