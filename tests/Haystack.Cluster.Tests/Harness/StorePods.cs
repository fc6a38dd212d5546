using Haystack.Client;
using Haystack.Operator.Entities;
using k8s;

namespace Haystack.Cluster.Tests.Harness;

/// <summary>The store pods as the tests touch them: by DNS name, one replica at a time, and their disks.</summary>
internal static class StorePods
{
    public static string Name(int ordinal) => $"{ClusterHarness.Name}-store-{ordinal}";

    public static Uri Url(string pod) => new($"http://{pod}.{ClusterHarness.Name}-store.{ClusterHarness.Namespace}.svc:8080/");

    /// <summary>One replica's copy of a photo, read from that store alone; null when it does not have it.</summary>
    public static async Task<byte[]?> ReadAsync(ClusterHarness cluster, string pod, PhotoId id)
    {
        using var response = await cluster.Http.GetAsync(new Uri(Url(pod), id.ToString()));
        return response.IsSuccessStatusCode ? await response.Content.ReadAsByteArrayAsync() : null;
    }

    /// <summary>
    /// The disk of a store pod is lost, as when its node's local disk dies and the administrator lets the
    /// StatefulSet start over: the claim is deleted (its folder goes once no pod uses it) and so is the pod, which the
    /// StatefulSet controller creates again with a new, empty claim.
    /// </summary>
    public static async Task LoseDiskAsync(ClusterHarness cluster, string pod)
    {
        await cluster.Client.CoreV1.DeleteNamespacedPersistentVolumeClaimAsync($"data-{pod}", ClusterHarness.Namespace);
        await cluster.Client.CoreV1.DeleteNamespacedPodAsync(pod, ClusterHarness.Namespace);
    }

    /// <summary>Every Volume Writable or ReadOnly with <paramref name="replicas"/> Healthy placements on distinct pods, none of them Rebuilding.</summary>
    public static bool AllWhole(IEnumerable<V1Alpha1HaystackVolume> volumes, int replicas) => volumes.All(volume =>
        volume.Status?.Phase is VolumePhase.Writable or VolumePhase.ReadOnly
        && volume.Status.Placements is { } placements
        && placements.Count(placement => placement.State == ReplicaState.Healthy) == replicas
        && placements.Where(placement => placement.State == ReplicaState.Healthy).Select(placement => placement.Pod).Distinct().Count() == replicas);
}
