namespace Haystack.Operator.Status;

/// <summary>The condition types of a HaystackCluster.</summary>
public static class ConditionTypes
{
    /// <summary>Every component has all its pods ready.</summary>
    public const string Ready = "Ready";

    /// <summary>The last reconcile applied the current generation of the spec without error.</summary>
    public const string Reconciled = "Reconciled";

    /// <summary>Something needs attention: degraded volumes or a failing reconcile.</summary>
    public const string Degraded = "Degraded";
}
