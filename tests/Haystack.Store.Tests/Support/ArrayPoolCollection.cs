namespace Haystack.Store.Tests.Support;

/// <summary>Tests that watch the process-wide array pool: run alone, after the parallel ones, so no other test's buffers mix in.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ArrayPoolCollection
{
    public const string Name = "array pool";
}
