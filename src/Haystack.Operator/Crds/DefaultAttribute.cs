namespace Haystack.Operator.Crds;

/// <summary>
/// The value the API server fills in when the field is absent. The C# property initializer must agree
/// (a test checks it), so objects read from files without a server see the same defaults.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class DefaultAttribute(object value) : Attribute
{
    public object Value { get; } = value;
}
