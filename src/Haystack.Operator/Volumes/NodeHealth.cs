using k8s.Models;

namespace Haystack.Operator.Volumes;

/// <summary>A node as loss detection needs it: whether it exists, is Ready, and since when it is not.</summary>
/// <param name="Name">The node name; null when the pod was never scheduled.</param>
/// <param name="NotReadySince">The Ready condition's last transition when it is not True; null when Ready or unknown.</param>
public sealed record NodeHealth(string? Name, bool Exists, bool Ready, DateTime? NotReadySince)
{
    public static NodeHealth Gone(string? name) => new(name, false, false, null);

    public static NodeHealth Of(V1Node node)
    {
        var ready = node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
        var isReady = ready?.Status == "True";
        return new NodeHealth(node.Metadata.Name, true, isReady, isReady ? null : ready?.LastTransitionTime);
    }

    public override string ToString() =>
        Name is null ? "no node" : !Exists ? $"node {Name} is gone" : Ready ? $"node {Name} is Ready" : $"node {Name} is NotReady";
}
