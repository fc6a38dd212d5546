using k8s.Models;

namespace Haystack.Cluster.Tests.Harness;

/// <summary>
/// The Deployment controller, without ReplicaSets in between (pods are owned by the Deployment itself): pods named
/// <c>name-hash-suffix</c>, a new template rolled out by RollingUpdate with one surge pod and none unavailable: a ready
/// old pod goes only once the others cover every replica, a not-ready one at once (as the real one cleans up unhealthy
/// replicas). Scale-in removes not-ready pods first, then the newest.
/// </summary>
internal static class DeploymentController
{
    public const string HashLabel = "pod-template-hash";

    public static async Task ReconcileAsync(PodRunner runner, V1Deployment deployment, IReadOnlyList<V1Pod> allPods, CancellationToken cancellationToken)
    {
        var replicas = deployment.Spec.Replicas ?? 1;
        var hash = WorkloadPods.TemplateHash(deployment.Spec.Template);
        var pods = WorkloadPods.OwnedBy(allPods, deployment.Metadata).Where(pod => !WorkloadPods.IsTerminating(pod)).ToList();
        var current = pods.Where(pod => WorkloadPods.Label(pod.Metadata.Labels, HashLabel) == hash).ToList();
        var old = pods.Except(current).ToList();

        if (current.Count < replicas && pods.Count < replicas + 1)
        {
            var name = $"{deployment.Metadata.Name}-{hash}-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..5]}";
            var pod = WorkloadPods.FromTemplate(deployment, deployment.Spec.Template, name, new Dictionary<string, string> { [HashLabel] = hash });
            current.Add(await runner.CreatePodAsync(pod, cancellationToken));
        }
        if (old.OrderBy(runner.IsReady).FirstOrDefault() is { } leaving
            && (!runner.IsReady(leaving) || pods.Count(runner.IsReady) - 1 >= replicas))
        {
            await runner.DeletePodAsync(leaving, cancellationToken);
            old.Remove(leaving);
        }
        foreach (var extra in current.OrderBy(runner.IsReady).ThenByDescending(pod => pod.Metadata.CreationTimestamp).Take(current.Count - replicas).ToList())
        {
            await runner.DeletePodAsync(extra, cancellationToken);
            current.Remove(extra);
        }

        var ready = current.Concat(old).Count(runner.IsReady);
        await runner.WriteWorkloadStatusAsync(deployment, new V1DeploymentStatus
        {
            ObservedGeneration = deployment.Metadata.Generation,
            Replicas = current.Count + old.Count,
            UpdatedReplicas = current.Count,
            ReadyReplicas = ready,
            AvailableReplicas = ready,
            UnavailableReplicas = Math.Max(0, replicas - ready),
            Conditions =
            [
                new V1DeploymentCondition
                {
                    Type = "Available",
                    Status = ready >= replicas ? "True" : "False",
                    Reason = ready >= replicas ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                },
            ],
        }, cancellationToken);
    }
}
