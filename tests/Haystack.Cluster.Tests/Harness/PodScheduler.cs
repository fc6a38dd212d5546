using k8s.Models;

namespace Haystack.Cluster.Tests.Harness;

/// <summary>
/// The scheduler's part that the operator's pod specs rely on: required pod anti-affinity is a hard filter (a pod with
/// nowhere to go stays Pending), preferred anti-affinity and the zone spread pick among the rest: the node whose zone,
/// then the node itself, holds the fewest pods of the same selector. Resources and taints are not considered.
/// </summary>
internal static class PodScheduler
{
    public const string ZoneLabel = "topology.kubernetes.io/zone";

    /// <summary>The node for <paramref name="pod"/>, or null when its required anti-affinity leaves none.</summary>
    public static string? Choose(V1Pod pod, IReadOnlyList<V1Node> nodes, IReadOnlyList<(IDictionary<string, string> Labels, string Node)> placed)
    {
        var antiAffinity = pod.Spec.Affinity?.PodAntiAffinity;
        var fitting = nodes.Where(node => (antiAffinity?.RequiredDuringSchedulingIgnoredDuringExecution ?? []).All(term =>
            !placed.Any(other => Matches(term.LabelSelector, other.Labels) && SameDomain(nodes, node, other.Node, term.TopologyKey))));
        var peers = placed.Where(other => Matches(new V1LabelSelector { MatchLabels = pod.Metadata.Labels }, other.Labels)
            || (pod.Spec.TopologySpreadConstraints ?? []).Any(constraint => Matches(constraint.LabelSelector, other.Labels))).ToList();
        return fitting
            .OrderBy(node => peers.Count(other => SameDomain(nodes, node, other.Node, ZoneLabel)))
            .ThenBy(node => peers.Count(other => other.Node == node.Metadata.Name))
            .ThenBy(node => node.Metadata.Name, StringComparer.Ordinal)
            .FirstOrDefault()?.Metadata.Name;
    }

    private static bool SameDomain(IReadOnlyList<V1Node> nodes, V1Node node, string otherNode, string topologyKey)
    {
        var other = nodes.FirstOrDefault(candidate => candidate.Metadata.Name == otherNode);
        return other is not null && WorkloadPods.Label(node.Metadata.Labels, topologyKey) is { } domain
            && domain == WorkloadPods.Label(other.Metadata.Labels, topologyKey);
    }

    private static bool Matches(V1LabelSelector? selector, IDictionary<string, string> labels) =>
        selector?.MatchLabels is { Count: > 0 } wanted && wanted.All(label => labels.TryGetValue(label.Key, out var value) && value == label.Value);
}
