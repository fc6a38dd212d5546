namespace Haystack.Operator.Crds;

/// <summary>
/// The field must be present in the resource (OpenAPI required). C# <c>required</c> members count as well;
/// this attribute is for fields whose C# type keeps a placeholder so the class can be constructed empty.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class RequiredAttribute : Attribute;
