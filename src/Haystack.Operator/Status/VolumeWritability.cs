using Haystack.Operator.Entities;
using k8s.Models;

namespace Haystack.Operator.Status;

/// <summary>
/// Whether a volume takes an upload now: the directory writes every photo to all of a volume's replicas, so
/// the volume must be Writable with all <c>spec.replicas</c> placed, each Healthy and on a ready store pod. Pure.
/// </summary>
public static class VolumeWritability
{
    public static bool TakesUploads(V1Alpha1HaystackVolume volume, IReadOnlyDictionary<string, V1Pod> pods) =>
        volume.Status?.Phase == VolumePhase.Writable && Problem(volume, pods) is null;

    /// <summary>
    /// Why a volume that is (or is about to be) writable does not take uploads, naming the volume:
    /// "photos-1: 2 of 3 replicas placed", "photos-1: photos-store-2: CrashLoopBackOff"; null when it does.
    /// </summary>
    public static string? Problem(V1Alpha1HaystackVolume volume, IReadOnlyDictionary<string, V1Pod> pods)
    {
        var name = volume.Metadata.Name;
        var placements = volume.Status?.Placements ?? [];
        if (placements.Count < volume.Spec.Replicas)
        {
            return $"{name}: {placements.Count} of {volume.Spec.Replicas} replicas placed";
        }
        foreach (var placement in placements)
        {
            if (placement.State != ReplicaState.Healthy)
            {
                return $"{name}: replica on {placement.Pod} is {placement.State}";
            }
            if (!pods.TryGetValue(placement.Pod, out var pod))
            {
                return $"{name}: replica pod {placement.Pod} does not exist";
            }
            if (PodState.Describe(pod) is { } notReady)
            {
                return $"{name}: {notReady}";
            }
        }
        return null;
    }
}
