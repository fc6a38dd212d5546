namespace Haystack.Operator.Status;

/// <summary>The condition types of a HaystackCluster; the reasons each gives are in <see cref="ConditionReasons"/>.</summary>
public static class ConditionTypes
{
    /// <summary>An upload can succeed: a directory pod, a whole writable volume on ready store pods, a cache pod (if any are asked for).</summary>
    public const string Ready = "Ready";

    /// <summary>The last reconcile applied the current generation of the spec without error.</summary>
    public const string Reconciled = "Reconciled";

    /// <summary>Something needs attention: degraded volumes, replicas that cannot be placed, or a failing reconcile.</summary>
    public const string Degraded = "Degraded";
}
