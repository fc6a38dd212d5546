using Haystack.Directory.Stores;
using Haystack.Directory.Volumes;
using Haystack.Protocol;
using Haystack.Storage.Format;
using Microsoft.Extensions.Logging;

namespace Haystack.Directory.Photos;

/// <summary>
/// The write path: picks a writable volume, writes the needle to every replica in parallel and acknowledges
/// only when all of them made it durable. When a replica fails, the volume leaves the write path (degraded, or
/// read-only when the store says it is full) and the upload moves to another volume, keeping its key. An id is
/// never returned for data that is not on every replica; copies left on the replicas that did succeed are
/// deleted again.
/// </summary>
public sealed class PhotoUploader(
    VolumeTable table,
    KeySequence keys,
    VolumeLoad load,
    WritableVolumeChooser chooser,
    StoreClient stores,
    VolumeTransitions transitions,
    VolumeMaintenance maintenance,
    PhotoUrls urls,
    DirectoryOptions options,
    DirectoryStats stats,
    DirectoryMetrics metrics,
    ILogger<PhotoUploader> logger)
{
    public async Task<UploadResult> UploadAsync(UploadRequest request, CancellationToken cancellationToken)
    {
        if (request.Data.IsEmpty)
        {
            throw new DirectoryException(DirectoryFailure.InvalidArgument, "The upload is empty; send the photo's bytes as the request body.");
        }
        if (request.Data.Length > options.MaxUploadBytes)
        {
            throw new DirectoryException(DirectoryFailure.TooLarge,
                $"The upload has {request.Data.Length} bytes; this directory accepts photos of at most {options.MaxUploadBytes} bytes.");
        }
        // Checked here as the stores would, so a photo no store can take never reserves a key.
        if (NeedleLayout.CheckContentType(request.ContentType) is { } contentTypeProblem)
        {
            throw new DirectoryException(DirectoryFailure.InvalidArgument, $"The upload's Content-Type is refused: {contentTypeProblem}.");
        }

        var key = request.Key ?? await keys.NextKeyAsync(cancellationToken);
        var cookie = PhotoCookies.NewCookie();
        var tried = new HashSet<uint>();
        var failures = new List<string>();
        while (tried.Count < options.MaxUploadAttempts && await chooser.ChooseAsync(tried, cancellationToken) is { } volume)
        {
            tried.Add(volume.Id);
            var id = new PhotoId(volume.Id, key, request.AlternateKey, cookie);
            if (await TryWriteEverywhereAsync(volume, id, request, cancellationToken) is not { } failure)
            {
                stats.RecordUpload(request.Data.Length);
                await RecordWrittenAsync(volume.Id, request, cancellationToken);
                return new UploadResult(id, urls.UrlOf(id, volume.Replicas), request.Data.Length, volume.Replicas);
            }
            failures.Add($"volume {volume.Id}: {failure}");
            stats.RecordUploadRetry();
        }

        stats.RecordUploadUnavailable();
        throw new DirectoryException(DirectoryFailure.Unavailable, failures.Count == 0
            ? chooser.DescribeNoWritableVolume()
            : $"The photo could not be stored on every replica of {failures.Count} volume(s), so no id was issued: {string.Join(" | ", failures)}. Retry later.");
    }

    /// <summary>Null when every replica has the needle durably; otherwise what failed (the volume is already out of the write path).</summary>
    private async Task<string?> TryWriteEverywhereAsync(LogicalVolume volume, PhotoId id, UploadRequest request, CancellationToken cancellationToken)
    {
        StoreCallException?[] failed;
        using (load.Begin(volume.Id))
        {
            failed = await Task.WhenAll(volume.Replicas.Select(store => TryWriteAsync(store, id, request, cancellationToken)));
        }
        var failures = failed.OfType<StoreCallException>().ToArray();
        if (failures.Length == 0)
        {
            return null;
        }

        var written = volume.Replicas.Where((_, i) => failed[i] is null).ToArray();
        await RemovePartialCopiesAsync(id, written);
        var detail = string.Join("; ", failures.Select(f => f.Message));
        if (failures.FirstOrDefault(f => f.KeyTaken) is { } taken)
        {
            throw new DirectoryException(DirectoryFailure.KeyTaken, $"The key is taken by another photo, nothing was stored: {taken.Message}");
        }
        if (failures.FirstOrDefault(f => f.IsClientError) is { } refused)
        {
            throw new DirectoryException(DirectoryFailure.InvalidArgument, $"The store refused the photo, nothing was stored: {refused.Message}");
        }
        if (failures.All(f => f.VolumeRefusesWrites))
        {
            await transitions.MarkReadOnlyAsync(volume.Id, $"a replica refused a write: {detail}", CancellationToken.None);
        }
        else
        {
            await transitions.MarkDegradedAsync(volume.Id, $"writing {id} failed: {detail}", needsRepair: false, CancellationToken.None);
        }
        maintenance.Wake();
        logger.LogWarning("Upload of {PhotoId} failed on {Failed} of {Replicas} replicas; trying another volume: {Detail}",
            id, failures.Length, volume.Replicas.Count, detail);
        return detail;
    }

    private async Task<StoreCallException?> TryWriteAsync(Uri store, PhotoId id, UploadRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await stores.PutNeedleAsync(store, id, request.Data, request.ContentType, cancellationToken);
            return null;
        }
        catch (StoreCallException e)
        {
            metrics.RecordReplicaWriteFailure(store);
            return e;
        }
    }

    /// <summary>Best effort: the id was never issued, so a copy that stays behind is only garbage for compaction.</summary>
    private async Task RemovePartialCopiesAsync(PhotoId id, IEnumerable<Uri> written)
    {
        foreach (var store in written)
        {
            try
            {
                await stores.DeleteNeedleAsync(store, id, CancellationToken.None);
            }
            catch (StoreCallException e)
            {
                logger.LogWarning("Could not remove the partial copy of {PhotoId} from {Store}: {Error}", id, store, e.Message);
            }
        }
    }

    /// <summary>Keeps the size estimate current between probes and seals the volume once it reaches the threshold.</summary>
    private async Task RecordWrittenAsync(uint volumeId, UploadRequest request, CancellationToken cancellationToken)
    {
        // The needle as the engine lays it out, so the estimate stays close between probes.
        var onDisk = NeedleLayout.TotalLength(request.ContentType?.Length ?? 0, request.Data.Length);
        var updated = await table.UpdateAsync(volumeId, v => v with { SizeBytes = v.SizeBytes + onDisk, NeedleCount = v.NeedleCount + 1 }, cancellationToken);
        if (updated is { State: VolumeState.Writable } && updated.Fill >= options.ReadOnlyThreshold)
        {
            await transitions.MarkReadOnlyAsync(volumeId,
                $"it reached {updated.Fill:0.#%} of its {updated.SizeLimitBytes} byte limit (threshold {options.ReadOnlyThreshold:0.#%})", CancellationToken.None);
            maintenance.Wake();
        }
    }
}
