namespace Haystack.Operator.Reconciliation;

/// <summary>One small idempotent part of a cluster's reconcile; steps run in a fixed order.</summary>
public interface IReconcileStep
{
    string Name { get; }

    Task RunAsync(ReconcileContext context, CancellationToken cancellationToken);
}
