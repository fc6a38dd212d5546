namespace Haystack.Operator.Reconciliation;

/// <summary>What the controller does after a reconcile: nothing more, or look again after a delay.</summary>
public sealed record ReconcileResult(TimeSpan? RequeueAfter)
{
    public static ReconcileResult Done { get; } = new((TimeSpan?)null);

    public static ReconcileResult After(TimeSpan delay) => new(delay);
}
