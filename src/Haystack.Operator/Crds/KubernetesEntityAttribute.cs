namespace Haystack.Operator.Crds;

/// <summary>Names the custom resource a C# entity class is served as (group, version, kind, plural).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class KubernetesEntityAttribute(string group, string version, string kind, string plural) : Attribute
{
    public string Group { get; } = group;
    public string Version { get; } = version;
    public string Kind { get; } = kind;
    public string Plural { get; } = plural;
    public string ApiVersion => $"{Group}/{Version}";
}
