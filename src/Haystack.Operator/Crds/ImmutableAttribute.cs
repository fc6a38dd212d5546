namespace Haystack.Operator.Crds;

/// <summary>
/// The field cannot change once set, because changing it would lose data; enforced by the API server
/// with the CEL rule <c>self == oldSelf</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class ImmutableAttribute(string reason) : Attribute
{
    /// <summary>Why the field is immutable: part of the error message a user sees.</summary>
    public string Reason { get; } = reason;
}
