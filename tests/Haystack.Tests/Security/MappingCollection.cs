namespace Haystack.Tests.Security;

/// <summary>
/// Tests that check this process's mappings after unmapping one: run alone, so that no other test's new mapping
/// takes the address range just given back.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MappingCollection
{
    public const string Name = "Process mappings";
}
