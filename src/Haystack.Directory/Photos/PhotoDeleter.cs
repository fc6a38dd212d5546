using Haystack.Directory.Stores;
using Haystack.Directory.Volumes;
using Haystack.Protocol;

namespace Haystack.Directory.Photos;

/// <summary>
/// Deletes a photo: flags the needle on every replica in parallel (read-only volumes accept deletes), then drops
/// it from the owning cache node. Retrying after a partial failure is safe: replicas already done answer 404.
/// </summary>
public sealed class PhotoDeleter(VolumeTable table, StoreClient stores, CacheInvalidator cache, DirectoryStats stats)
{
    public async Task DeleteAsync(PhotoId id, CancellationToken cancellationToken)
    {
        var volume = table.Find(id.VolumeId)
            ?? throw new DirectoryException(DirectoryFailure.NotFound, $"Photo {id} was not found: volume {id.VolumeId} is not in the volume table.");
        var outcomes = await Task.WhenAll(volume.Replicas.Select(store => TryDeleteAsync(store, id, cancellationToken)));
        var deleted = outcomes.Count(o => o.Deleted);
        var failures = outcomes.Where(o => o.Error is not null).Select(o => o.Error!).ToArray();

        // Also when nothing was deleted: a cache may still hold a copy from before an earlier, partial delete.
        await cache.InvalidateAsync(id);
        if (failures.Length > 0)
        {
            var done = deleted == 0 ? "no replica confirmed the delete" : $"{deleted} of {volume.Replicas.Count} replicas deleted it";
            throw new DirectoryException(DirectoryFailure.Unavailable,
                $"Photo {id}: {done}; {string.Join("; ", failures.Select(f => f.Message))}. Retry the delete.");
        }
        stats.RecordDelete(deleted > 0);
        if (deleted == 0)
        {
            throw new DirectoryException(DirectoryFailure.NotFound, $"Photo {id} was not found on any replica of volume {id.VolumeId}.");
        }
    }

    private async Task<(bool Deleted, StoreCallException? Error)> TryDeleteAsync(Uri store, PhotoId id, CancellationToken cancellationToken)
    {
        try
        {
            return (await stores.DeleteNeedleAsync(store, id, cancellationToken), null);
        }
        catch (StoreCallException e)
        {
            return (false, e);
        }
    }
}
