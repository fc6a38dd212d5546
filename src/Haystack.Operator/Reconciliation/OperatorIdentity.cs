namespace Haystack.Operator.Reconciliation;

/// <summary>How the operator names itself to the API server.</summary>
public static class OperatorIdentity
{
    /// <summary>The one server-side apply field manager for every object the operator writes.</summary>
    public const string FieldManager = "haystack-operator";

    /// <summary>The event source component, shown by <c>kubectl describe</c>.</summary>
    public const string Component = "haystack-operator";
}
