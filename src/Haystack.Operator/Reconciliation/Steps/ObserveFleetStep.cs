using Haystack.Operator.Volumes;

namespace Haystack.Operator.Reconciliation.Steps;

/// <summary>
/// Lists the cluster's pods once for the reconcile (<see cref="ReconcileContext.Pods"/>) and reads the store pods among
/// them, their nodes, claims and what each store holds into <see cref="ReconcileContext.Fleet"/>.
/// </summary>
public sealed class ObserveFleetStep : IReconcileStep
{
    public string Name => "observe-fleet";

    public async Task RunAsync(ReconcileContext context, CancellationToken cancellationToken)
    {
        context.Pods = await FleetObserver.ListPodsAsync(context.Client, context.Cluster, cancellationToken);
        context.Fleet = await new FleetObserver(context.Client, context.Stores).ObserveAsync(context.Cluster, context.Pods, cancellationToken);
    }
}
