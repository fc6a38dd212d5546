namespace Haystack.Directory.Repair;

/// <summary>What the Directory repaired in one logical volume since it started: needles copied, replicas rebuilt whole.</summary>
public sealed record VolumeRepairs(long NeedlesRepaired, long ReplicasRebuilt, DateTimeOffset? LastRepairAt, string? LastProblem);
