using Haystack.Operator.Entities;
using Haystack.Operator.Status;
using k8s.Models;

namespace Haystack.Operator.Rebuilds;

/// <summary>
/// A Volume whose every replica is lost has nothing left to rebuild from: it turns <see cref="VolumePhase.Lost"/>, for
/// good, with the condition <c>Lost</c> saying why. The operator never deletes it (the photo ids in it exist in the
/// callers' records); the user deletes the Volume to clear it. Pure.
/// </summary>
public static class VolumeLoss
{
    public const string ConditionType = "Lost";

    /// <summary>True when the volume has placements and every one is Missing, and is not Lost yet.</summary>
    public static bool IsNewlyLost(V1Alpha1HaystackVolume volume) =>
        volume.Status is { Phase: not VolumePhase.Lost, Placements: { Count: > 0 } placements } && placements.All(p => p.State == ReplicaState.Missing);

    /// <summary>Turns the volume Lost; returns the message for the condition and the Event.</summary>
    public static string MarkLost(V1Alpha1HaystackVolume volume, DateTime now)
    {
        var status = volume.Status!;
        var why = string.Join("; ", status.Placements!.Select(p => p.Reason ?? $"{p.Pod} Missing"));
        var message = $"every replica is lost, so nothing is left to rebuild from ({why}); its photos cannot be read. Delete the Volume to clear it";
        status.Phase = VolumePhase.Lost;
        status.ResumePhase = null;
        status.Conditions = ConditionList.With(status.Conditions, ConditionType, true, "AllReplicasLost", message, volume.Metadata.Generation, now);
        return message;
    }
}
