namespace Haystack.Telemetry.Tests.Support;

/// <summary>The tests that read one running <c>haystack dev</c>: one at a time, over the same cluster and workload.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DevClusterCollection : ICollectionFixture<DevClusterFixture>
{
    public const string Name = "dev cluster";
}
