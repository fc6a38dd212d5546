namespace Haystack.Operator.Api;

/// <summary>Where a namespaced custom resource is served: <c>/apis/{group}/{version}/namespaces/{ns}/{plural}</c>.</summary>
public sealed record CustomResourceKind(string Group, string Version, string Plural, string Kind)
{
    public string ApiVersion => $"{Group}/{Version}";

    public override string ToString() => $"{Plural}.{Group}";
}
