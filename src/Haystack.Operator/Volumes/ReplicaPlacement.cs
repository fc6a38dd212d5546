namespace Haystack.Operator.Volumes;

/// <summary>
/// Where <see cref="ReplicaPlacer"/> put a volume's new replicas, in choice order, and how well they spread
/// together with the replicas the volume already had.
/// </summary>
/// <param name="Pods">The chosen pods; fewer than <see cref="Wanted"/> when not enough pods could take a replica.</param>
/// <param name="Wanted">How many were asked for.</param>
/// <param name="Candidates">Pods that could take a replica, before the choice.</param>
/// <param name="Nodes">Distinct nodes among every replica (the ones already placed and the chosen).</param>
/// <param name="Zones">Distinct zones among them; 0 when no node has a zone label.</param>
/// <param name="Replicas">Every replica: the ones already placed and the chosen.</param>
public sealed record ReplicaPlacement(IReadOnlyList<StorePod> Pods, int Wanted, int Candidates, int Nodes, int Zones, int Replicas, bool ZonesExist)
{
    public bool IsComplete => Pods.Count == Wanted;

    public bool OnDistinctNodes => Nodes == Replicas;

    /// <summary>True when nodes have no zone labels: there is nothing to spread over.</summary>
    public bool OnDistinctZones => !ZonesExist || Zones == Replicas;

    /// <summary>Why the placement falls short, or null when every replica has its own node (and zone, when zones exist).</summary>
    public string? Problem => !IsComplete
        ? $"{Pods.Count} of {Wanted} replicas placed: {Candidates} store pods are ready, answering and have room"
        : !OnDistinctNodes
            ? $"{Replicas} replicas on {Nodes} nodes: replicas share a node, so losing it loses more than one copy"
            : !OnDistinctZones
                ? $"{Replicas} replicas in {Zones} zones: replicas share a zone, so losing it loses more than one copy"
                : null;
}
