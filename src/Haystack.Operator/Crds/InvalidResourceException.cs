namespace Haystack.Operator.Crds;

/// <summary>A resource read from a file does not satisfy its CRD's schema; the message lists every problem.</summary>
public sealed class InvalidResourceException(string source, IReadOnlyList<string> problems)
    : Exception($"{source} is not a valid resource:\n  " + string.Join("\n  ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
