using Haystack.Operator.Volumes;

namespace Haystack.Operator.Reconciliation.Steps;

/// <summary>Reads the store pods, their nodes, claims and what each store holds into <see cref="ReconcileContext.Fleet"/>.</summary>
public sealed class ObserveFleetStep : IReconcileStep
{
    public string Name => "observe-fleet";

    public async Task RunAsync(ReconcileContext context, CancellationToken cancellationToken) =>
        context.Fleet = await new FleetObserver(context.Client, context.Stores).ObserveAsync(context.Cluster, cancellationToken);
}
