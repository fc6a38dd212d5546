namespace Haystack.Tests.EndToEnd;

/// <summary>The end-to-end tests start many processes: they run one class at a time, after the quick tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "cluster";
}
