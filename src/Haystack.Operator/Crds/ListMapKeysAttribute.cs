namespace Haystack.Operator.Crds;

/// <summary>
/// A list whose items are identified by key fields (<c>x-kubernetes-list-type: map</c>), so server-side apply
/// merges items by key instead of replacing the whole list.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class ListMapKeysAttribute(params string[] keys) : Attribute
{
    public IReadOnlyList<string> Keys { get; } = keys;
}
