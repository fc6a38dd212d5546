using Haystack.Operator.Entities;

namespace Haystack.Operator.Volumes;

/// <summary>What <see cref="VolumePlacing"/> did with one volume.</summary>
/// <param name="Placement">The pods chosen and how they spread.</param>
/// <param name="Fleet">The fleet with the new physical volumes, for the next placement in the same reconcile.</param>
/// <param name="Placed">The volume as written, Writable with its placements; null when it was not placed.</param>
/// <param name="Failure">Why not, naming the volume; null when placed.</param>
public sealed record PlacingOutcome(ReplicaPlacement Placement, StoreFleet Fleet, V1Alpha1HaystackVolume? Placed, string? Failure);
