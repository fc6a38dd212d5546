using Haystack.Directory.Volumes;

namespace Haystack.Directory.Photos;

/// <summary>
/// The rule that spreads uploads over writable volumes: the score of a volume is its free bytes divided by
/// (1 + its recent load); higher scores are tried first, ties go to the lower volume id. Emptier volumes fill
/// first, and a volume that just took uploads steps back until its load decays (see <see cref="VolumeLoad"/>).
/// </summary>
public static class VolumePicker
{
    public static IReadOnlyList<LogicalVolume> InPreferenceOrder(IEnumerable<LogicalVolume> volumes, Func<uint, double> loadOf) =>
        [.. volumes
            .Where(v => v.State == VolumeState.Writable)
            .Select(v => (Volume: v, Score: v.FreeBytes / (1 + loadOf(v.Id))))
            .OrderByDescending(c => c.Score)
            .ThenBy(c => c.Volume.Id)
            .Select(c => c.Volume)];
}
