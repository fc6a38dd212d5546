namespace Haystack.Client;

/// <summary>What the Directory repaired in a volume since it started.</summary>
/// <param name="NeedlesRepaired">Damaged needles copied over from a healthy replica.</param>
/// <param name="ReplicasRebuilt">Replicas rebuilt whole (too many needles missing, or the data file cut short).</param>
/// <param name="LastRepairAt">When the latest repair happened.</param>
/// <param name="LastProblem">What the latest repaired needle or replica had.</param>
public sealed record VolumeRepairs(long NeedlesRepaired, long ReplicasRebuilt, DateTimeOffset? LastRepairAt, string? LastProblem);
