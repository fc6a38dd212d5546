using System.Diagnostics;
using Haystack.Operator.Rebuilds;
using Haystack.Operator.Scaling;
using Haystack.Operator.Volumes;

namespace Haystack.Operator.Reconciliation.Steps;

/// <summary>
/// After the fleet is observed: marks lost replicas (<see cref="LossScan"/>), then rebuilds replicas one at a time
/// (a volume no pod can take is passed over for the others),
/// the lost ones and those a scale-in moves off the pods that go (<see cref="RebuildPlanner"/>,
/// <see cref="ReplicaRebuild"/>), for at most <see cref="Budget"/> per reconcile so the cluster's other work is not held
/// up. A scale-in the staying pods cannot hold is refused (<see cref="ReconcileContext.ScaleInRefusal"/>) and nothing
/// moves. The steps after this one see only the pods that stay, so no new Volume lands on a pod that goes. A refused
/// scale-in and a rebuild that cannot go on (no replica to copy from, no pod to take it) raise a Warning Event when they
/// begin, not on every reconcile while they last.
/// </summary>
public sealed class RebuildStep : IReconcileStep
{
    /// <summary>Time for further rebuilds in one reconcile once one has finished; a copy under way always completes.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromMinutes(2);

    public string Name => "rebuild";

    public async Task RunAsync(ReconcileContext context, CancellationToken cancellationToken)
    {
        var cluster = context.Cluster;
        var volumes = await ClusterVolumes.ListAsync(context.Client, cluster, cancellationToken);
        var leaving = StoreScaleIn.Leaving(cluster, volumes, context.Fleet);
        context.ScaleInRefusal = DrainPlan.Refusal(cluster, volumes, context.Fleet, leaving);
        var draining = context.ScaleInRefusal is null ? leaving : new HashSet<string>();

        volumes = await new LossScan(context).RunAsync(volumes, cancellationToken);
        var rebuild = new ReplicaRebuild(context, leaving);
        var started = Stopwatch.GetTimestamp();
        var blocked = new Dictionary<uint, string>();
        while (Stopwatch.GetElapsedTime(started) < Budget && RebuildPlanner.Next(volumes, context.Fleet, draining, blocked) is { } job)
        {
            context.RebuildPending = true;
            if (await rebuild.RunAsync(job, cancellationToken) != RebuildOutcome.Completed)
            {
                // No pod can take this one: the others may still have somewhere to go.
                if (rebuild.Blocked.GetValueOrDefault(job.VolumeId) is not { } why)
                {
                    break;
                }
                blocked[job.VolumeId] = why;
                continue;
            }
            volumes = await ClusterVolumes.ListAsync(context.Client, cluster, cancellationToken);
            context.Pods = await FleetObserver.ListPodsAsync(context.Client, cluster, cancellationToken);
            context.Fleet = await new FleetObserver(context.Client, context.Stores).ObserveAsync(cluster, context.Pods, cancellationToken);
        }
        context.RebuildPending |= blocked.Count > 0;
        await context.Events.RecordStandingAsync(cluster, EventRecorder.Warning, "ScaleInRefused",
            context.ScaleInRefusal is { } refusal ? new Dictionary<string, string> { ["scale-in"] = refusal } : [], cancellationToken);
        await context.Events.RecordStandingAsync(cluster, EventRecorder.Warning, "RebuildBlocked",
            blocked.ToDictionary(b => $"volume {b.Key}", b => $"Volume {b.Key} cannot be rebuilt: {b.Value}"), cancellationToken);
        context.Fleet = context.Fleet with { Pods = [.. context.Fleet.Pods.Where(p => !leaving.Contains(p.Name))] };
    }
}
