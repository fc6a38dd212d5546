using Haystack.Operator.Api;
using Haystack.Operator.Builders;
using Haystack.Operator.Entities;
using k8s;
using k8s.Models;

namespace Haystack.Operator.Tests.Support;

/// <summary>
/// Plays the kubelet and scheduler on the fake API server: pods of the cluster "photos" with the statuses
/// they report (ready, crash-looping, unschedulable, running but not ready), and Volumes with placements.
/// </summary>
internal static class ClusterPods
{
    public static V1PodStatus Ready() => new()
    {
        Phase = "Running",
        Conditions = [Condition("PodScheduled", "True"), Condition("Ready", "True")],
        ContainerStatuses = [new V1ContainerStatus { Name = "haystack", Ready = true, Image = "haystack", ImageID = "", RestartCount = 0, State = new V1ContainerState { Running = new V1ContainerStateRunning() } }],
    };

    public static V1PodStatus CrashLoopBackOff() => new()
    {
        Phase = "Running",
        Conditions = [Condition("PodScheduled", "True"), Condition("Ready", "False")],
        ContainerStatuses =
        [
            new V1ContainerStatus
            {
                Name = "haystack", Ready = false, Image = "haystack", ImageID = "", RestartCount = 4,
                State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "CrashLoopBackOff", Message = "back-off 40s restarting failed container" } },
                LastState = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 1, Reason = "Error" } },
            },
        ],
    };

    public static V1PodStatus Unschedulable(string message) => new()
    {
        Phase = "Pending",
        Conditions = [new V1PodCondition { Type = "PodScheduled", Status = "False", Reason = "Unschedulable", Message = message }],
    };

    public static V1PodStatus RunningNotReady() => new()
    {
        Phase = "Running",
        Conditions = [Condition("PodScheduled", "True"), Condition("Ready", "False")],
        ContainerStatuses = [new V1ContainerStatus { Name = "haystack", Ready = false, Image = "haystack", ImageID = "", RestartCount = 0, State = new V1ContainerState { Running = new V1ContainerStateRunning() } }],
    };

    public static async Task CreatePodAsync(this OperatorFixture fixture, string name, string component, V1PodStatus status)
    {
        var pod = await fixture.Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = "haystack",
                Labels = new Dictionary<string, string>
                {
                    [ClusterLabels.Name] = ClusterLabels.AppName,
                    [ClusterLabels.Instance] = "photos",
                    [ClusterLabels.Component] = component,
                },
            },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "haystack", Image = "haystack" }] },
        }, "haystack");
        pod.Status = status;
        await fixture.Client.CoreV1.ReplaceNamespacedPodStatusAsync(pod, name, "haystack");
    }

    /// <summary>Every pod of the minimal cluster ready (3 stores, 2 directories, 2 caches), with the workloads saying so.</summary>
    public static async Task MarkEveryPodReadyAsync(this OperatorFixture fixture)
    {
        for (var i = 0; i < 3; i++)
        {
            await fixture.CreatePodAsync($"photos-store-{i}", HaystackComponent.Store, Ready());
        }
        await fixture.CreatePodAsync("photos-directory-7d9f5-a1", HaystackComponent.Directory, Ready());
        await fixture.CreatePodAsync("photos-directory-7d9f5-b2", HaystackComponent.Directory, Ready());
        await fixture.CreatePodAsync("photos-cache-0", HaystackComponent.Cache, Ready());
        await fixture.CreatePodAsync("photos-cache-1", HaystackComponent.Cache, Ready());
        await fixture.MarkWorkloadsReadyAsync();
    }

    /// <summary>A Volume of "photos" with 3 replicas, <paramref name="placed"/> of them placed on photos-store-0, -1, ...</summary>
    public static Task CreateVolumeAsync(
        this OperatorFixture fixture, long id, VolumePhase? phase, long bytes = 0, int placed = 3, ReplicaState state = ReplicaState.Healthy) =>
        fixture.Client.CreateVolumeAsync("photos", id, phase, bytes, placed, state);

    /// <summary>A Volume of <paramref name="cluster"/> in namespace "haystack", its last placed replica in <paramref name="state"/>.</summary>
    public static async Task CreateVolumeAsync(
        this IKubernetes client, string cluster, long id, VolumePhase? phase, long bytes = 0, int placed = 3, ReplicaState state = ReplicaState.Healthy)
    {
        var volume = await client.CreateAsync(HaystackResourceKinds.Volumes, new V1Alpha1HaystackVolume
        {
            Metadata = new V1ObjectMeta { Name = $"{cluster}-{id}", NamespaceProperty = "haystack" },
            Spec = new HaystackVolumeSpec { ClusterName = cluster, Id = id },
        }, "haystack");
        volume.Status = new HaystackVolumeStatus
        {
            Phase = phase,
            Bytes = bytes,
            Placements = Enumerable.Range(0, placed)
                .Select(i => new VolumePlacement { Pod = $"{cluster}-store-{i}", State = i == placed - 1 ? state : ReplicaState.Healthy }).ToList(),
        };
        await client.ReplaceStatusAsync(HaystackResourceKinds.Volumes, volume, volume.Metadata.Name!, "haystack");
    }

    private static V1PodCondition Condition(string type, string status) => new() { Type = type, Status = status };
}
