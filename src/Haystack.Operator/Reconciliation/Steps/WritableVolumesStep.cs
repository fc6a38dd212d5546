using Haystack.Operator.Entities;
using Haystack.Operator.Volumes;

namespace Haystack.Operator.Reconciliation.Steps;

/// <summary>
/// Keeps spec.volume.writableVolumes Volumes Writable: first places Volumes that have no placements (a creation
/// cut short, or one made by hand), then creates new ones, ids above every Volume and every physical volume on the
/// stores. A new Volume resource is created only once its replicas can all be placed. What falls short goes to
/// <see cref="ReconcileContext.WritableShortfall"/>; replicas that share a node or zone to
/// <see cref="ReconcileContext.PlacementWarnings"/>.
/// </summary>
public sealed class WritableVolumesStep : IReconcileStep
{
    public string Name => "writable-volumes";

    public async Task RunAsync(ReconcileContext context, CancellationToken cancellationToken)
    {
        var cluster = context.Cluster;
        var placing = new VolumePlacing(context.Client, context.Stores, context.Time);
        var volumes = await ClusterVolumes.ListAsync(context.Client, cluster, cancellationToken);
        var fleet = context.Fleet;
        var problem = (string?)null;

        for (var i = 0; i < volumes.Count && problem is null; i++)
        {
            if (ClusterVolumes.IsUnplaced(volumes[i]))
            {
                var outcome = await placing.PlaceAsync(volumes[i], fleet, cancellationToken);
                (fleet, problem) = (outcome.Fleet, outcome.Failure);
                volumes[i] = outcome.Placed ?? volumes[i];
                await RecordPlacedAsync(context, outcome, cancellationToken);
            }
        }

        var target = cluster.Spec.Volume.WritableVolumes;
        var nextId = Math.Max(volumes.Select(ClusterVolumes.IdOf).DefaultIfEmpty(0u).Max(), fleet.HighestVolumeId) + 1;
        while (problem is null && volumes.Count(v => v.Status?.Phase == VolumePhase.Writable) < target)
        {
            var fresh = ClusterVolumes.New(cluster, nextId++);
            var placement = ReplicaPlacer.Place(fleet, ClusterVolumes.IdOf(fresh), fresh.Spec.Replicas, fresh.Spec.SizeLimitBytes);
            if (!placement.IsComplete)
            {
                problem = placement.Problem;
                break;
            }
            var outcome = await placing.PlaceAsync(await ClusterVolumes.CreateAsync(context.Client, fresh, cancellationToken), fleet, cancellationToken);
            (fleet, problem) = (outcome.Fleet, outcome.Failure);
            volumes.Add(outcome.Placed ?? fresh);
            await RecordPlacedAsync(context, outcome, cancellationToken);
        }

        var writable = volumes.Count(v => v.Status?.Phase == VolumePhase.Writable);
        if (writable < target)
        {
            var count = writable == 0 ? "no writable volume" : $"{writable} of {target} writable volumes";
            context.WritableShortfall = problem is null ? count : $"{count}: {problem}";
        }
        context.PlacementWarnings.AddRange(volumes
            .Select(v => (v.Spec.Id, Warning: SpreadCondition.WarningOf(v.Status?.Conditions)))
            .Where(v => v.Warning is not null)
            .Select(v => $"volume {v.Id}: {v.Warning}"));
    }

    private static Task RecordPlacedAsync(ReconcileContext context, PlacingOutcome outcome, CancellationToken cancellationToken) =>
        outcome.Placed is { } volume
            ? context.Events.RecordAsync(context.Cluster, EventRecorder.Normal, "VolumeCreated",
                $"Volume {volume.Spec.Id} is writable on {string.Join(", ", outcome.Placement.Pods.Select(p => p.Zone is null ? $"{p.Name} ({p.Node})" : $"{p.Name} ({p.Node}, {p.Zone})"))}",
                cancellationToken)
            : Task.CompletedTask;
}
