using k8s.Models;

namespace Haystack.Cluster.Tests.Harness;

/// <summary>The Pod statuses the kubelet writes, in the shape the real one writes them.</summary>
internal static class PodStatuses
{
    /// <summary>Created, but no node fits its required anti-affinity.</summary>
    public static V1PodStatus Unschedulable(string message) => new()
    {
        Phase = "Pending",
        Conditions = [new V1PodCondition { Type = "PodScheduled", Status = "False", Reason = "Unschedulable", Message = message }],
    };

    public static V1PodStatus Running(V1Pod pod, DateTime started, int restarts, bool ready) => Scheduled(pod, ready, new V1ContainerStatus
    {
        Name = pod.Spec.Containers[0].Name,
        Image = pod.Spec.Containers[0].Image,
        ImageID = "",
        Ready = ready,
        Started = true,
        RestartCount = restarts,
        State = new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = started } },
    });

    /// <summary>The container exited and waits out its back-off before the next start.</summary>
    public static V1PodStatus BackingOff(V1Pod pod, int restarts, int exitCode, DateTime started) => Scheduled(pod, ready: false, new V1ContainerStatus
    {
        Name = pod.Spec.Containers[0].Name,
        Image = pod.Spec.Containers[0].Image,
        ImageID = "",
        Ready = false,
        Started = false,
        RestartCount = restarts,
        State = new V1ContainerState
        {
            Waiting = new V1ContainerStateWaiting
            {
                Reason = "CrashLoopBackOff",
                Message = $"back-off restarting failed container {pod.Spec.Containers[0].Name} in pod {pod.Metadata.Name}",
            },
        },
        LastState = new V1ContainerState
        {
            Terminated = new V1ContainerStateTerminated
            {
                ExitCode = exitCode,
                Reason = exitCode == 0 ? "Completed" : "Error",
                StartedAt = started,
                FinishedAt = DateTime.UtcNow,
            },
        },
    });

    /// <summary>A pod placed on a node (every pod here runs on 127.0.0.1) with its one container's status.</summary>
    private static V1PodStatus Scheduled(V1Pod pod, bool ready, V1ContainerStatus container) => new()
    {
        Phase = "Running",
        PodIP = "127.0.0.1",
        HostIP = "127.0.0.1",
        StartTime = pod.Metadata.CreationTimestamp,
        Conditions = Conditions(ready),
        ContainerStatuses = [container],
    };

    private static List<V1PodCondition> Conditions(bool ready) =>
    [
        new() { Type = "PodScheduled", Status = "True" },
        new() { Type = "Initialized", Status = "True" },
        new() { Type = "ContainersReady", Status = ready ? "True" : "False" },
        new() { Type = "Ready", Status = ready ? "True" : "False" },
    ];
}
