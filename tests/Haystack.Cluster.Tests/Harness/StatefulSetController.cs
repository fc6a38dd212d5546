using System.Globalization;
using k8s;
using k8s.Models;

namespace Haystack.Cluster.Tests.Harness;

/// <summary>
/// The StatefulSet controller: pods <c>name-0..N-1</c> with stable names (hostname and subdomain for their DNS name
/// through the headless Service) and one claim per volumeClaimTemplate (<c>template-pod</c>), kept when pods go, as the
/// operator's Retain policy asks. Scale-in removes the highest ordinals; a new template replaces pods one at a time,
/// highest ordinal first, each only once every pod is ready (RollingUpdate). Parallel pod management only.
/// </summary>
internal static class StatefulSetController
{
    public const string RevisionLabel = "controller-revision-hash";

    public static async Task ReconcileAsync(PodRunner runner, V1StatefulSet set, IReadOnlyList<V1Pod> allPods, CancellationToken cancellationToken)
    {
        var name = set.Metadata.Name;
        var replicas = set.Spec.Replicas ?? 1;
        var revision = $"{name}-{WorkloadPods.TemplateHash(set.Spec.Template)}";
        var pods = WorkloadPods.OwnedBy(allPods, set.Metadata).Where(pod => !WorkloadPods.IsTerminating(pod)).ToList();

        foreach (var extra in pods.Where(pod => WorkloadPods.Ordinal(pod) >= replicas).OrderByDescending(WorkloadPods.Ordinal))
        {
            await runner.DeletePodAsync(extra, cancellationToken);
            pods.Remove(extra);
        }
        for (var ordinal = 0; ordinal < replicas; ordinal++)
        {
            var podName = string.Create(CultureInfo.InvariantCulture, $"{name}-{ordinal}");
            // Missing claims are created again for pods that exist too, as the real controller does since Kubernetes 1.27.
            foreach (var claim in Claims(set, podName))
            {
                await runner.EnsureClaimAsync(claim, cancellationToken);
            }
            if (!pods.Any(pod => pod.Metadata.Name == podName))
            {
                pods.Add(await runner.CreatePodAsync(NewPod(set, podName, ordinal, revision), cancellationToken));
            }
        }
        if (pods.Count == replicas && pods.All(runner.IsReady)
            && pods.Where(pod => pod.Metadata.Labels[RevisionLabel] != revision).MaxBy(WorkloadPods.Ordinal) is { } outdated)
        {
            await runner.DeletePodAsync(outdated, cancellationToken);
            pods.Remove(outdated);
        }

        var ready = pods.Count(runner.IsReady);
        var updated = pods.Count(pod => pod.Metadata.Labels[RevisionLabel] == revision);
        await runner.WriteWorkloadStatusAsync(set, new V1StatefulSetStatus
        {
            ObservedGeneration = set.Metadata.Generation,
            Replicas = pods.Count,
            ReadyReplicas = ready,
            AvailableReplicas = ready,
            CurrentReplicas = updated,
            UpdatedReplicas = updated,
            CurrentRevision = revision,
            UpdateRevision = revision,
        }, cancellationToken);
    }

    private static V1Pod NewPod(V1StatefulSet set, string podName, int ordinal, string revision)
    {
        var pod = WorkloadPods.FromTemplate(set, set.Spec.Template, podName, new Dictionary<string, string>
        {
            [RevisionLabel] = revision,
            ["statefulset.kubernetes.io/pod-name"] = podName,
            ["apps.kubernetes.io/pod-index"] = ordinal.ToString(CultureInfo.InvariantCulture),
        });
        pod.Spec.Hostname = podName;
        pod.Spec.Subdomain = set.Spec.ServiceName;
        pod.Spec.Volumes ??= [];
        foreach (var claim in Claims(set, podName))
        {
            pod.Spec.Volumes.Add(new V1Volume
            {
                Name = claim.Metadata.Name[..^(podName.Length + 1)],
                PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = claim.Metadata.Name },
            });
        }
        return pod;
    }

    /// <summary>The claims of one pod, <c>template-pod</c> for each volumeClaimTemplate.</summary>
    private static IEnumerable<V1PersistentVolumeClaim> Claims(V1StatefulSet set, string podName) =>
        (set.Spec.VolumeClaimTemplates ?? []).Select(template => new V1PersistentVolumeClaim
        {
            ApiVersion = "v1",
            Kind = "PersistentVolumeClaim",
            Metadata = new V1ObjectMeta
            {
                Name = $"{template.Metadata.Name}-{podName}",
                NamespaceProperty = set.Metadata.NamespaceProperty,
                Labels = template.Metadata.Labels,
            },
            Spec = template.Spec,
        });
}
