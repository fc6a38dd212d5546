namespace Haystack.Operator.Volumes;

/// <summary>
/// One store pod as the operator sees it: from its Pod, its Node's labels, its PersistentVolumeClaim and what the
/// store process answered. A store that did not answer has <see cref="Error"/> set and no volumes.
/// </summary>
/// <param name="Name">The pod name, <c>{cluster}-store-{ordinal}</c>.</param>
/// <param name="Node">spec.nodeName; null while the pod is not scheduled.</param>
/// <param name="Host">The node's hostname label (spec.topology.nodeKey), else the node name: the failure domain "node".</param>
/// <param name="Zone">The node's zone label (spec.topology.zoneKey); null when the node has none.</param>
/// <param name="Ready">The pod's Ready condition is True and it is not being deleted.</param>
/// <param name="ClaimName">The PersistentVolumeClaim that holds the pod's disk.</param>
/// <param name="ClaimUid">Its uid; null when the claim does not exist (yet or any more). A new uid is a new, empty disk.</param>
/// <param name="DiskBytes">The claim's capacity, else spec.store.storageSize.</param>
/// <param name="Volumes">The physical volumes the store reports, in id order.</param>
/// <param name="Error">Why the store could not be asked or did not answer; null when it answered.</param>
public sealed record StorePod(
    string Name,
    int Ordinal,
    Uri Url,
    string? Node,
    string? Host,
    string? Zone,
    bool Ready,
    string ClaimName,
    string? ClaimUid,
    long DiskBytes,
    IReadOnlyList<PhysicalVolume> Volumes,
    string? Error)
{
    public bool Answers => Error is null;

    /// <summary>The store container is running (not waiting to restart, not terminated), whether or not it is Ready.</summary>
    public bool Running { get; init; }

    /// <summary>The pod's node as read with the pod, so loss detection need not read it again; null while unscheduled.</summary>
    public NodeHealth? NodeHealth { get; init; }

    /// <summary>A pod new replicas may go to: ready, scheduled, and its store answers.</summary>
    public bool CanTakeReplicas => Ready && Answers && Host is not null;

    /// <summary>Disk not committed to volumes (see <see cref="PhysicalVolume.CommittedBytes"/>); never below zero.</summary>
    public long FreeBytes => Math.Max(0, DiskBytes - Volumes.Sum(v => v.CommittedBytes));

    public PhysicalVolume? Find(uint volumeId) => Volumes.FirstOrDefault(v => v.Id == volumeId);
}
