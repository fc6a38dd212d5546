namespace Haystack.Client.Tests.EndToEnd;

/// <summary>The tests against <c>haystack dev</c> start many processes: one class at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DevCollection
{
    public const string Name = "dev";
}
