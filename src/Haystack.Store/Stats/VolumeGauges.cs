using System.Diagnostics.Metrics;
using System.Globalization;
using Haystack.Storage;

namespace Haystack.Store.Stats;

/// <summary>
/// Per-volume gauges read from each open volume's <see cref="VolumeStats"/> at collection time (a scrape), tagged
/// <c>volume</c>: what placement, read-only marking and compaction decide on, as SeaweedFS's volume dashboards show it.
/// </summary>
internal static class VolumeGauges
{
    public static void Create(Meter meter, VolumeSet volumes)
    {
        meter.CreateObservableGauge("haystack.store.volume.size", () => Observe(volumes, v => v.SizeBytes), "By",
            "Length of the volume's data file: superblock and every needle, live or not.");
        meter.CreateObservableGauge("haystack.store.volume.size_limit", () => Observe(volumes, v => v.SizeLimitBytes), "By",
            "Size at which the volume refuses writes.");
        meter.CreateObservableGauge("haystack.store.volume.live_size", () => Observe(volumes, v => v.LiveBytes), "By",
            "Bytes of live needles, headers and padding included.");
        meter.CreateObservableGauge("haystack.store.volume.garbage_size", () => Observe(volumes, v => v.GarbageBytes), "By",
            "Bytes of deleted or overwritten needles that compaction would reclaim.");
        meter.CreateObservableGauge("haystack.store.volume.garbage_ratio", () => Observe(volumes, v => v.GarbageRatio), "1",
            "Share of needle bytes that compaction would reclaim, 0 to 1.");
        meter.CreateObservableGauge("haystack.store.volume.needles", () => Observe(volumes, v => v.NeedleCount), "{needle}",
            "Live needles: readable with the right cookie.");
        meter.CreateObservableGauge("haystack.store.volume.garbage_needles", () => Observe(volumes, v => v.GarbageNeedleCount), "{needle}",
            "Deleted or overwritten needles still in the file.");
        meter.CreateObservableGauge("haystack.store.volume.read_only", () => Observe(volumes, v => v.IsReadOnly ? 1L : 0L), "{volume}",
            "1 when the volume refuses writes for good, else 0.");
        meter.CreateObservableGauge("haystack.store.volumes.failed", () => (long)volumes.FailedVolumes.Count, "{volume}",
            "Volumes whose files exist but failed to open; they serve nothing.");
    }

    private static IEnumerable<Measurement<T>> Observe<T>(VolumeSet volumes, Func<VolumeStats, T> figure)
        where T : struct
    {
        foreach (var volume in volumes.List())
        {
            var stats = volume.Stats;
            yield return new Measurement<T>(figure(stats),
                new KeyValuePair<string, object?>("volume", stats.VolumeId.Value.ToString(CultureInfo.InvariantCulture)));
        }
    }
}
