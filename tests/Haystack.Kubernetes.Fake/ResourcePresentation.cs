namespace Haystack.Kubernetes.Fake;

/// <summary>How discovery and <c>kubectl get</c> present a resource: names from its CRD and its table columns.</summary>
internal sealed record ResourcePresentation(string Singular, IReadOnlyList<string> ShortNames, IReadOnlyList<string> Categories, IReadOnlyList<PrinterColumn> Columns)
{
    public static ResourcePresentation For(ApiResource kind) => new(kind.Kind.ToLowerInvariant(), [], [], PrinterColumn.Default);
}
