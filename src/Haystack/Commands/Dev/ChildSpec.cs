namespace Haystack.Commands.Dev;

/// <summary>One server <c>haystack dev</c> runs: its log prefix, its verb and arguments, and where to ask whether it is ready.</summary>
internal sealed record ChildSpec(string Name, IReadOnlyList<string> Arguments, Uri Url)
{
    public Uri ReadyUrl => new(Url, "readyz");
}
