namespace Haystack.Operator.Reconciliation;

/// <summary>A reconcile step failed; the message names the step and keeps the API server's explanation.</summary>
public sealed class ReconcileStepException(string step, Exception inner)
    : Exception($"step {step}: {inner.Message}", inner)
{
    public string Step { get; } = step;
}
