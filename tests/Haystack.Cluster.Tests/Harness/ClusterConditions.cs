using Haystack.Operator.Entities;

namespace Haystack.Cluster.Tests.Harness;

/// <summary>Reading a HaystackCluster's conditions as <c>kubectl get hsc</c> shows them.</summary>
internal static class ClusterConditions
{
    public static bool IsTrue(V1Alpha1HaystackCluster cluster, string type) =>
        cluster.Status?.Conditions?.FirstOrDefault(condition => condition.Type == type)?.Status == "True";

    public static string Describe(V1Alpha1HaystackCluster cluster) => string.Join("; ",
        (cluster.Status?.Conditions ?? []).Select(condition => $"{condition.Type}={condition.Status} {condition.Reason}: {condition.Message}"));
}
