using Haystack.Operator.Entities;
using Haystack.Operator.Yaml;

namespace Haystack.Operator.Reconciliation;

/// <summary>What <c>haystack operator render</c> prints: every child the reconcile would apply, as applied.</summary>
public static class ClusterRendering
{
    public static string Render(V1Alpha1HaystackCluster cluster)
    {
        var children = ReconcileSteps.DesiredChildren(cluster);
        foreach (var child in children)
        {
            InputHash.Stamp(child.Object);
        }
        return KubectlYaml.Serialize(children.Select(c => c.Object));
    }
}
