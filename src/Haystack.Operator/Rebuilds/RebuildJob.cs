using Haystack.Operator.Entities;
using Haystack.Operator.Volumes;

namespace Haystack.Operator.Rebuilds;

/// <summary>One replica to rebuild: the placement it replaces, the healthy replica to copy from, and the copy under way, if any.</summary>
/// <param name="Target">The Rebuilding placement of a copy already started (resumed after a restart); null to start one.</param>
/// <param name="Drain">True when the replaced replica is healthy and only moves because its pod leaves in a scale-in.</param>
public sealed record RebuildJob(V1Alpha1HaystackVolume Volume, VolumePlacement Replaced, StorePod Source, VolumePlacement? Target, bool Drain)
{
    public uint VolumeId => ClusterVolumes.IdOf(Volume);
}
