namespace Haystack.Storage;

/// <summary>What <see cref="Volume.RebuildIndexAsync"/> did, and the volume as the new index describes it.</summary>
/// <param name="Recovery">The recovery run; <see cref="RecoveryReport.NeedlesScanned"/> needles were indexed.</param>
/// <param name="Stats">Live and garbage needles found in the data file.</param>
public sealed record IndexRebuildReport(RecoveryReport Recovery, VolumeStats Stats);
