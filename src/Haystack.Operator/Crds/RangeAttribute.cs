namespace Haystack.Operator.Crds;

/// <summary>Inclusive bounds of a numeric field (OpenAPI minimum/maximum).</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class RangeAttribute : Attribute
{
    public RangeAttribute(long minimum, long maximum)
    {
        Minimum = minimum;
        Maximum = maximum;
    }

    public RangeAttribute(double minimum, double maximum)
    {
        Minimum = minimum;
        Maximum = maximum;
    }

    /// <summary>A lower bound only.</summary>
    public RangeAttribute(long minimum) => Minimum = minimum;

    public object Minimum { get; }
    public object? Maximum { get; }
}
