using Haystack.Operator.Entities;
using Haystack.Operator.Reconciliation;
using Haystack.Operator.Volumes;
using Haystack.Protocol;

namespace Haystack.Operator.Rebuilds;

/// <summary>
/// Carries out one <see cref="RebuildJob"/>: choose a store pod with <see cref="ReplicaPlacer"/> (never one that holds
/// the volume, nor one a scale-in removes), record it as a Rebuilding placement with the Volume in phase Rebuilding,
/// have it pull the volume from the source store (which verifies every needle and index record), compare the copy
/// with the source once more, then switch: the replaced placement goes, the new one is Healthy and the Volume returns
/// to the phase it had. Each step is in the Volume's status before the next begins, so an operator restarted midway
/// resumes from there: a copy that arrived is checked and kept, one that did not is pulled again.
/// </summary>
public sealed class ReplicaRebuild(ReconcileContext context, IReadOnlySet<string> leaving)
{
    /// <summary>Volumes whose rebuild could not start because no store pod can take the replica: why, by volume id.</summary>
    public Dictionary<uint, string> Blocked { get; } = [];

    public async Task<RebuildOutcome> RunAsync(RebuildJob job, CancellationToken cancellationToken)
    {
        var volume = job.Volume;
        var target = job.Target;
        if (target is null)
        {
            (volume, target) = await StartAsync(job, cancellationToken);
            if (target is null)
            {
                return RebuildOutcome.Waiting;
            }
        }
        var pod = context.Fleet.Find(target.Pod);
        if (pod is not { CanTakeReplicas: true })
        {
            await AbandonAsync(volume, target, $"{target.Pod} can no longer take the replica ({pod?.Error ?? "the pod is gone"})", cancellationToken);
            return RebuildOutcome.Waiting;
        }
        var failure = await CopyAsync(job, pod, cancellationToken);
        if (failure is not null)
        {
            await NoteFailureAsync(volume, target, failure, cancellationToken);
            return RebuildOutcome.Waiting;
        }
        return await SwitchAsync(job, volume, target, pod, cancellationToken);
    }

    private async Task<(V1Alpha1HaystackVolume Volume, VolumePlacement? Target)> StartAsync(RebuildJob job, CancellationToken cancellationToken)
    {
        var volume = job.Volume;
        var status = volume.Status!;
        var id = job.VolumeId;
        var holders = context.Fleet.Pods.Where(p => p.Find(id) is not null).Select(p => p.Name);
        var placed = status.Placements!.Where(p => p.State == ReplicaState.Healthy && p.Pod != job.Replaced.Pod).Select(p => p.Pod).ToList();
        var avoid = leaving.Concat(holders).ToHashSet();
        var required = status.Phase == VolumePhase.ReadOnly || status.ResumePhase == VolumePhase.ReadOnly ? status.Bytes : volume.Spec.SizeLimitBytes;
        // Another pod first: the one that lost the replica may have a failing disk. It serves again only when no other can.
        var placement = ReplicaPlacer.Place(context.Fleet, id, 1, required, placed, [.. avoid, job.Replaced.Pod]);
        if (!placement.IsComplete && !job.Drain)
        {
            placement = ReplicaPlacer.Place(context.Fleet, id, 1, required, placed, avoid);
        }
        if (placement.Pods is not [var chosen])
        {
            Blocked[id] = $"no store pod can take the replica ({placement.Problem})";
            context.RebuildPending = true;
            return (volume, null);
        }

        var why = job.Drain ? $"{job.Replaced.Pod} leaves in a scale-in" : job.Replaced.Reason ?? $"{job.Replaced.Pod} lost it";
        var target = status.Placements!.FirstOrDefault(p => p.Pod == chosen.Name) ?? new VolumePlacement { Pod = chosen.Name };
        if (!status.Placements!.Contains(target))
        {
            status.Placements!.Add(target);
        }
        target.Node = chosen.Node;
        target.Zone = chosen.Zone;
        target.State = ReplicaState.Rebuilding;
        target.Source = job.Source.Name;
        target.Replaces = job.Replaced.Pod;
        target.Reason = $"copying from {job.Source.Name}: {why}";
        status.ResumePhase ??= status.Phase is VolumePhase.Writable or VolumePhase.ReadOnly ? status.Phase : VolumePhase.Writable;
        status.Phase = VolumePhase.Rebuilding;
        if (await ClusterVolumes.WriteStatusAsync(context.Client, volume, cancellationToken) is not { } written)
        {
            return (volume, null);
        }
        await context.Events.RecordAsync(context.Cluster, EventRecorder.Normal, "RebuildStarted",
            $"Volume {id} is rebuilding a replica on {chosen.Name} from {job.Source.Name}: {why}", cancellationToken);
        return (written, written.Status!.Placements!.First(p => p.Pod == chosen.Name));
    }

    /// <summary>Brings the copy onto the target store; null when it is there and matches the source, else why not.</summary>
    private async Task<string?> CopyAsync(RebuildJob job, StorePod target, CancellationToken cancellationToken)
    {
        var id = job.VolumeId;
        try
        {
            if (target.Find(id) is not null)
            {
                // A copy from before a restart: keep it only if it is the source's volume as it is now.
                if (Difference(await context.Stores.VolumeStatusAsync(job.Source.Url, id, cancellationToken),
                        await context.Stores.VolumeStatusAsync(target.Url, id, cancellationToken)) is null)
                {
                    return null;
                }
                await context.Stores.DeleteVolumeAsync(target.Url, id, cancellationToken);
            }
            var copy = await context.Stores.PullVolumeAsync(target.Url, id, job.Source.Url, cancellationToken);
            if (Difference(await context.Stores.VolumeStatusAsync(job.Source.Url, id, cancellationToken), copy) is { } difference)
            {
                // A write or delete reached the source after the copy: drop it and copy again.
                await context.Stores.DeleteVolumeAsync(target.Url, id, cancellationToken);
                return difference;
            }
            return null;
        }
        catch (StoreCallException e)
        {
            return e.Message;
        }
    }

    private async Task<RebuildOutcome> SwitchAsync(RebuildJob job, V1Alpha1HaystackVolume volume, VolumePlacement target, StorePod pod, CancellationToken cancellationToken)
    {
        var status = volume.Status!;
        var replaced = target.Replaces;
        if (replaced != target.Pod)
        {
            status.Placements = [.. status.Placements!.Where(p => p.Pod != replaced)];
        }
        target.State = ReplicaState.Healthy;
        target.ClaimUid = pod.ClaimUid;
        (target.Source, target.Replaces, target.Reason, target.UnavailableSince) = (null, null, null, null);
        var whole = status.Placements!.All(p => p.State == ReplicaState.Healthy);
        status.Phase = whole ? status.ResumePhase ?? VolumePhase.Writable : VolumePhase.Degraded;
        status.ResumePhase = whole ? null : status.ResumePhase;
        if (await ClusterVolumes.WriteStatusAsync(context.Client, volume, cancellationToken) is null)
        {
            context.RebuildPending = true;
            return RebuildOutcome.Waiting;
        }
        await context.Events.RecordAsync(context.Cluster, EventRecorder.Normal, "RebuildCompleted",
            $"Volume {volume.Spec.Id} replica on {target.Pod} copied from {job.Source.Name} and verified, replacing {replaced}; the volume is {status.Phase}",
            cancellationToken);
        if (replaced != target.Pod && context.Fleet.Find(replaced ?? "") is { Answers: true } old)
        {
            await DropStaleCopyAsync(old, job.VolumeId, cancellationToken);
        }
        return RebuildOutcome.Completed;
    }

    /// <summary>The replaced pod's copy is no replica any more; a store that refuses now keeps a stray file, nothing worse.</summary>
    private async Task DropStaleCopyAsync(StorePod pod, uint volumeId, CancellationToken cancellationToken)
    {
        try
        {
            await context.Stores.DeleteVolumeAsync(pod.Url, volumeId, cancellationToken);
        }
        catch (StoreCallException)
        {
        }
    }

    /// <summary>The target went away: forget it, so the next pass picks another pod.</summary>
    private async Task AbandonAsync(V1Alpha1HaystackVolume volume, VolumePlacement target, string why, CancellationToken cancellationToken)
    {
        var status = volume.Status!;
        if (target.Replaces == target.Pod)
        {
            (target.State, target.Source, target.Replaces, target.Reason) = (ReplicaState.Missing, null, null, why);
        }
        else
        {
            status.Placements = [.. status.Placements!.Where(p => p.Pod != target.Pod)];
        }
        var whole = status.Placements!.All(p => p.State == ReplicaState.Healthy);
        status.Phase = whole ? status.ResumePhase ?? VolumePhase.Writable : VolumePhase.Degraded;
        context.RebuildPending = true;
        if (await ClusterVolumes.WriteStatusAsync(context.Client, volume, cancellationToken) is not null)
        {
            await context.Events.RecordAsync(context.Cluster, EventRecorder.Warning, "RebuildFailed", $"Volume {volume.Spec.Id}: {why}; choosing another pod", cancellationToken);
        }
    }

    /// <summary>Keeps the placement Rebuilding with the failure as its reason; an Event only when the reason is new, not every retry.</summary>
    private async Task NoteFailureAsync(V1Alpha1HaystackVolume volume, VolumePlacement target, string failure, CancellationToken cancellationToken)
    {
        context.RebuildPending = true;
        var reason = $"copy from {target.Source} failed: {failure}";
        if (target.Reason == reason)
        {
            return;
        }
        target.Reason = reason;
        if (await ClusterVolumes.WriteStatusAsync(context.Client, volume, cancellationToken) is not null)
        {
            await context.Events.RecordAsync(context.Cluster, EventRecorder.Warning, "RebuildFailed",
                $"Volume {volume.Spec.Id} on {target.Pod}: {reason}; retrying", cancellationToken);
        }
    }

    private static string? Difference(VolumeStatus source, VolumeStatus copy) =>
        (source.SizeBytes, source.NeedleCount, source.GarbageNeedleCount) == (copy.SizeBytes, copy.NeedleCount, copy.GarbageNeedleCount)
            ? null
            : $"the copy ({copy.SizeBytes} bytes, {copy.NeedleCount} needles) differs from the source ({source.SizeBytes} bytes, {source.NeedleCount} needles), which changed meanwhile";
}
