using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Haystack.Directory.Stores;
using Haystack.Directory.Volumes;
using Haystack.Telemetry;

namespace Haystack.Directory;

/// <summary>
/// The Directory's instruments on the "Haystack.Directory" meter. Counters observe <see cref="DirectoryStats"/>, so
/// /stats and /metrics never disagree; gauges read the volume table and the latest store probes at collection time.
/// Created through <see cref="IMeterFactory"/> so that two directories in one process keep separate figures.
/// </summary>
public sealed class DirectoryMetrics
{
    public const string MeterName = TelemetryNames.Directory;

    private static readonly VolumeState[] States = Enum.GetValues<VolumeState>();

    private readonly ConcurrentDictionary<string, long> _replicaWriteFailures = new();

    public DirectoryMetrics(IMeterFactory meterFactory, DirectoryStats stats, VolumeTable table, StoreHealth health)
    {
        var meter = meterFactory.Create(MeterName);
        // Every store's series exists from the start (at 0), so a dashboard shows which store fails, not only that one did.
        foreach (var store in health.Stores)
        {
            _replicaWriteFailures[StoreName(store)] = 0;
        }
        meter.CreateObservableCounter("haystack.directory.replica_write_failures", ObserveReplicaWriteFailures, "{write}",
            "Needle writes to one replica that failed during an upload, by store; the volume leaves the write path.");
        meter.CreateObservableCounter("haystack.directory.uploads", () => new[]
        {
            new Measurement<long>(stats.Uploads, Tag("outcome", "ok")),
            new Measurement<long>(stats.UploadsUnavailable, Tag("outcome", "unavailable")),
        }, "{upload}", "Uploads answered: stored on every replica, or refused with 503 because no volume took them.");
        meter.CreateObservableCounter("haystack.directory.upload_retries", () => stats.UploadRetries, "{upload}",
            "Uploads moved to another volume after a replica failed.");
        meter.CreateObservableCounter("haystack.directory.uploaded", () => stats.UploadedBytes, "By", "Photo bytes stored by uploads (once, not per replica).");
        meter.CreateObservableCounter("haystack.directory.assignments", () => stats.Assigns, "{assignment}", "Photo ids assigned for clients that write the stores themselves.");
        meter.CreateObservableCounter("haystack.directory.lookups", () => stats.Lookups, "{lookup}", "Volume lookups answered (caches and clients finding replicas).");
        meter.CreateObservableCounter("haystack.directory.deletes", () => new[]
        {
            new Measurement<long>(stats.Deletes, Tag("outcome", "ok")),
            new Measurement<long>(stats.DeletesNotFound, Tag("outcome", "not_found")),
        }, "{delete}", "Photo deletes, by whether the photo existed.");
        meter.CreateObservableCounter("haystack.directory.rejected", () => stats.Rejected, "{request}", "Requests refused as the client's error (4xx).");
        meter.CreateObservableCounter("haystack.directory.replica_reports", () => stats.Reports, "{report}", "Replica problems reported by caches.");
        meter.CreateObservableCounter("haystack.directory.cache_invalidation_failures", () => stats.CacheInvalidationFailures, "{request}",
            "Deletes whose cache node could not be told to drop the photo.");
        meter.CreateObservableGauge("haystack.directory.volumes", () => VolumesByState(table), "{volume}", "Logical volumes, by state.");
        meter.CreateObservableGauge("haystack.directory.writable_free_size", () => table.List().Where(v => v.State == VolumeState.Writable).Sum(v => v.FreeBytes),
            "By", "Room left in writable volumes before their size limit: what uploads can still fill.");
        meter.CreateObservableGauge("haystack.directory.store.up", () => StoresUp(health), "{store}",
            "1 when the store answered its latest probe, 0 when it did not (absent before the first probe).");
    }

    public void RecordReplicaWriteFailure(Uri store) => _replicaWriteFailures.AddOrUpdate(StoreName(store), 1, (_, count) => count + 1);

    private IEnumerable<Measurement<long>> ObserveReplicaWriteFailures()
    {
        foreach (var (store, count) in _replicaWriteFailures)
        {
            yield return new Measurement<long>(count, Tag("store", store));
        }
    }

    private static IEnumerable<Measurement<long>> VolumesByState(VolumeTable table)
    {
        var volumes = table.List();
        foreach (var state in States)
        {
            yield return new Measurement<long>(volumes.Count(v => v.State == state), Tag("state", StateName(state)));
        }
    }

    private static IEnumerable<Measurement<long>> StoresUp(StoreHealth health)
    {
        foreach (var store in health.Stores)
        {
            if (health.Latest(store) is { } probe)
            {
                yield return new Measurement<long>(probe.IsUp ? 1 : 0, StoreTag(store));
            }
        }
    }

    private static string StateName(VolumeState state) => state switch
    {
        VolumeState.Writable => "writable",
        VolumeState.ReadOnly => "readonly",
        _ => "degraded",
    };

    private static string StoreName(Uri store) => store.GetLeftPart(UriPartial.Authority);

    private static KeyValuePair<string, object?> StoreTag(Uri store) => Tag("store", StoreName(store));

    private static KeyValuePair<string, object?> Tag(string key, string value) => new(key, value);
}
