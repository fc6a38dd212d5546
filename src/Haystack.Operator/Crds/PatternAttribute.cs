namespace Haystack.Operator.Crds;

/// <summary>An ECMA-262 regular expression a string field must match (OpenAPI pattern).</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class PatternAttribute(string regex) : Attribute
{
    public string Regex { get; } = regex;
}
