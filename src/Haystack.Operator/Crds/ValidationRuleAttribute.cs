namespace Haystack.Operator.Crds;

/// <summary>
/// A CEL rule (<c>x-kubernetes-validations</c>): on a class for constraints between its fields, on a property
/// for transition rules such as "may only grow".
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
public sealed class ValidationRuleAttribute(string rule, string message) : Attribute
{
    public string Rule { get; } = rule;
    public string Message { get; } = message;
}
