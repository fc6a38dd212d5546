namespace Haystack.Operator.Rebuilds;

/// <summary>What loss detection says about one replica.</summary>
/// <param name="Reason">Why it is lost or unavailable, naming the pod; null when healthy.</param>
/// <param name="UnavailableSince">For an unavailable replica: since when its node is gone, to keep in the placement.</param>
public sealed record ReplicaVerdict(ReplicaCondition Condition, string? Reason = null, DateTime? UnavailableSince = null)
{
    public static ReplicaVerdict Healthy { get; } = new(ReplicaCondition.Healthy);

    public bool IsLost => Condition == ReplicaCondition.Lost;
}
