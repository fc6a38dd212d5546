namespace Haystack.Operator.Crds;

/// <summary>Bounds on a string's length or a list's item count (minLength/maxLength or minItems/maxItems).</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class LengthAttribute(int minimum, int maximum) : Attribute
{
    public int Minimum { get; } = minimum;
    public int Maximum { get; } = maximum;
}
