namespace Haystack.Operator.Crds;

/// <summary>The text <c>kubectl explain</c> shows for a type or field.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, Inherited = false)]
public sealed class DescriptionAttribute(string text) : Attribute
{
    public string Text { get; } = text;
}
