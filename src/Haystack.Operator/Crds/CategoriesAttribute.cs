namespace Haystack.Operator.Crds;

/// <summary>Groups the resource lists under (<c>kubectl get haystack</c> lists every kind in the category).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CategoriesAttribute(params string[] names) : Attribute
{
    public IReadOnlyList<string> Names { get; } = names;
}
