using Haystack.Operator.Status;
using k8s.Models;

namespace Haystack.Operator.Volumes;

/// <summary>The Volume condition <c>Spread</c>: whether its replicas fail independently.</summary>
public static class SpreadCondition
{
    public const string Type = "Spread";

    public static List<V1Condition> With(IEnumerable<V1Condition>? existing, ReplicaPlacement placement, long? generation, DateTime now)
    {
        var (spread, reason) = (placement.OnDistinctNodes, placement.OnDistinctZones) switch
        {
            (false, _) => (false, "SharedNode"),
            (true, false) => (false, "SharedZone"),
            _ => (true, "Spread"),
        };
        var message = placement.Problem
            ?? (placement.ZonesExist
                ? $"{placement.Replicas} replicas on {placement.Nodes} nodes in {placement.Zones} zones"
                : $"{placement.Replicas} replicas on {placement.Nodes} nodes (the nodes have no zone label)");
        return ConditionList.With(existing, Type, spread, reason, message, generation, now);
    }

    /// <summary>The condition's message when the replicas share a node or zone, else null.</summary>
    public static string? WarningOf(IEnumerable<V1Condition>? conditions) =>
        ConditionList.Find(conditions, Type) is { Status: "False" } condition ? condition.Message : null;
}
