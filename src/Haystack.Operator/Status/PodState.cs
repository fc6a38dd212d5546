using k8s.Models;

namespace Haystack.Operator.Status;

/// <summary>
/// What is wrong with one pod, in the words kubectl uses ("CrashLoopBackOff", "Pending (Unschedulable: ...)"),
/// read from the pod's status as the kubelet and scheduler report it. Pure.
/// </summary>
public static class PodState
{
    /// <summary>Scheduler and kubelet messages can run to kilobytes; a condition names many pods.</summary>
    private const int MaxDetailLength = 160;

    public static bool IsReady(V1Pod pod) =>
        pod.Metadata.DeletionTimestamp is null
        && pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    /// <summary>"photos-store-2: CrashLoopBackOff"; null when the pod is ready.</summary>
    public static string? Describe(V1Pod pod) =>
        IsReady(pod) ? null : $"{pod.Metadata.Name}: {State(pod)}";

    private static string State(V1Pod pod)
    {
        var status = pod.Status;
        if (pod.Metadata.DeletionTimestamp is not null)
        {
            return "Terminating";
        }
        if (status?.Phase is "Failed" or "Succeeded")
        {
            return WithDetail(status.Phase, status.Reason, status.Message);
        }
        var scheduled = status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled");
        if (scheduled is { Status: "False" })
        {
            return WithDetail("Pending", scheduled.Reason, scheduled.Message);
        }
        // Init containers first: while one waits, the main containers have not started.
        var containers = (status?.InitContainerStatuses ?? []).Concat(status?.ContainerStatuses ?? []).ToList();
        foreach (var container in containers)
        {
            if (container.State?.Waiting is { Reason: { Length: > 0 } reason } waiting)
            {
                var lastExit = container.LastState?.Terminated;
                return lastExit is null
                    ? WithDetail(reason, null, waiting.Message)
                    : $"{reason} (container {container.Name} last exited {lastExit.ExitCode}{(lastExit.Reason is { Length: > 0 } r ? ": " + r : "")})";
            }
            if (container.State?.Terminated is { ExitCode: not 0 } terminated)
            {
                return WithDetail($"Terminated {terminated.ExitCode}", terminated.Reason, terminated.Message);
            }
        }
        var notReady = (status?.ContainerStatuses ?? []).Where(c => !c.Ready).Select(c => c.Name).ToList();
        return (status?.Phase, notReady.Count) switch
        {
            ("Running", > 0) => $"Running, not ready: {string.Join(", ", notReady)}",
            (null or "", _) => "Pending",
            _ => status!.Phase!,
        };
    }

    private static string WithDetail(string state, string? reason, string? message)
    {
        var detail = string.Join(": ", new[] { reason, message?.Trim() }.Where(s => !string.IsNullOrEmpty(s)));
        if (detail.Length > MaxDetailLength)
        {
            detail = detail[..(MaxDetailLength - 3)] + "...";
        }
        return detail.Length == 0 ? state : $"{state} ({detail})";
    }
}
