namespace Haystack.Operator.Crds;

/// <summary>Abbreviations kubectl accepts for the resource (<c>kubectl get hsc</c>).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ShortNamesAttribute(params string[] names) : Attribute
{
    public IReadOnlyList<string> Names { get; } = names;
}
