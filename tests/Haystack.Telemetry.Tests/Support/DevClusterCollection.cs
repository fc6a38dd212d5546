namespace Haystack.Telemetry.Tests.Support;

/// <summary>
/// The tests that read one running <c>haystack dev</c>, and one reconciling operator: one at a time, over the same
/// cluster and workload.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DevClusterCollection : ICollectionFixture<DevClusterFixture>, ICollectionFixture<ReconcilingOperator>
{
    public const string Name = "dev cluster";
}
