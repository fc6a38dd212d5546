using System.Diagnostics;
using Haystack.Protocol;
using Haystack.Storage;
using Haystack.Storage.Checksums;
using Haystack.Store.Scrub;
using Haystack.Store.Stats;
using Microsoft.Extensions.Logging;

namespace Haystack.Store;

/// <summary>
/// Needle reads, writes and deletes by photo id, shared by the HTTP and gRPC fronts: finds the volume, calls
/// the engine, turns its errors into <see cref="StoreException"/>s a client can act on, and records stats.
/// </summary>
public sealed class PhotoStore(VolumeSet volumes, StoreStats stats, StoreScrubber scrubber, ILogger<PhotoStore> logger)
{
    /// <summary>
    /// Refuses a write the volume cannot take (not here, still loading, read-only) before its body is received, so a
    /// client is not made to upload megabytes only to be told no.
    /// </summary>
    public void EnsureWritable(PhotoId id)
    {
        try
        {
            if (volumes.Get(id.VolumeId).IsReadOnly)
            {
                throw new StoreException(StoreFailure.ReadOnly, $"Volume {id.VolumeId} is read-only; write {id} to another volume.");
            }
        }
        catch (StoreException e)
        {
            stats.Record(StoreOperation.Write, OutcomeOf(e, e), 0, TimeSpan.Zero);
            throw;
        }
    }

    /// <summary>
    /// Stores the needle and returns once it is durable. An existing needle with the same id and cookie is replaced; one
    /// with another cookie is kept and the write refused (CookieMismatch), so a guessed key cannot take over a photo.
    /// </summary>
    public async Task<PhotoContent> WriteAsync(PhotoId id, ReadOnlyMemory<byte> data, string? contentType, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var volume = volumes.Get(id.VolumeId);
            await volume.WriteAsync(new NeedleId(id.Key, id.AlternateKey), id.Cookie, data, contentType, cancellationToken, NeedleReplacement.SameCookie);
            stats.Record(StoreOperation.Write, RequestOutcome.Ok, data.Length, Stopwatch.GetElapsedTime(started));
            return new PhotoContent(id, data, contentType ?? PhotoContentType.Default, NeedleChecksum.Compute(contentType, data.Span));
        }
        catch (Exception e)
        {
            var translated = Translate(id, e);
            stats.Record(StoreOperation.Write, OutcomeOf(translated, e), 0, Stopwatch.GetElapsedTime(started));
            if (translated is null)
            {
                throw;
            }
            throw translated;
        }
    }

    /// <summary>
    /// The needle's verified bytes; a wrong cookie and a missing needle give the same NeedleNotFound. Dispose the result
    /// once its bytes are sent.
    /// </summary>
    public async ValueTask<PhotoContent> ReadAsync(PhotoId id, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var volume = volumes.Get(id.VolumeId);
            var needle = await volume.ReadAsync(new NeedleId(id.Key, id.AlternateKey), id.Cookie, cancellationToken)
                ?? throw NotFound(id);
            stats.Record(StoreOperation.Read, RequestOutcome.Ok, needle.Data.Length, Stopwatch.GetElapsedTime(started));
            return new PhotoContent(id, needle.Data, needle.ContentType ?? PhotoContentType.Default, needle.Checksum) { Buffer = needle };
        }
        catch (Exception e)
        {
            var translated = Translate(id, e);
            stats.Record(StoreOperation.Read, OutcomeOf(translated, e), 0, Stopwatch.GetElapsedTime(started));
            if (translated is null)
            {
                throw;
            }
            throw translated;
        }
    }

    /// <summary>
    /// Flags the needle deleted. The cookie must match, like a read, so that holding a volume and key is not
    /// enough to delete someone's photo.
    /// </summary>
    public async Task DeleteAsync(PhotoId id, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var volume = volumes.Get(id.VolumeId);
            var needleId = new NeedleId(id.Key, id.AlternateKey);
            // The engine deletes by id alone; the cookie check costs one read, which deletes can afford.
            using (var needle = await volume.ReadAsync(needleId, id.Cookie, cancellationToken))
            {
                if (needle is null || !await volume.DeleteAsync(needleId, cancellationToken))
                {
                    throw NotFound(id);
                }
            }
            stats.Record(StoreOperation.Delete, RequestOutcome.Ok, 0, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception e)
        {
            var translated = Translate(id, e);
            stats.Record(StoreOperation.Delete, OutcomeOf(translated, e), 0, Stopwatch.GetElapsedTime(started));
            if (translated is null)
            {
                throw;
            }
            throw translated;
        }
    }

    private static StoreException NotFound(PhotoId id) =>
        new(StoreFailure.NeedleNotFound, $"Photo {id} was not found.");

    // The engine's errors as the client should see them; null for errors that are not the client's to act on.
    private StoreException? Translate(PhotoId id, Exception error) => error switch
    {
        StoreException e => e,
        NeedleCorruptException e => Corrupt(id, e),
        InvalidNeedleException e => new StoreException(StoreFailure.InvalidArgument, e.Message, e),
        NeedleCookieMismatchException e => new StoreException(StoreFailure.CookieMismatch, $"Photo {id}: its key already holds a photo with another cookie; nothing was stored.", e),
        NeedleTooLargeException e => new StoreException(StoreFailure.TooLarge, e.Message, e),
        VolumeFullException e => new StoreException(StoreFailure.VolumeFull, e.Message, e),
        VolumeReadOnlyException e => new StoreException(StoreFailure.ReadOnly, e.Message, e),
        VolumeClosedException e => new StoreException(StoreFailure.Unavailable, e.Message, e),
        _ => null,
    };

    private static RequestOutcome OutcomeOf(StoreException? translated, Exception error) => translated?.Failure switch
    {
        _ when error is OperationCanceledException => RequestOutcome.Failed,
        null or StoreFailure.Unavailable => RequestOutcome.Failed,
        StoreFailure.NeedleNotFound or StoreFailure.VolumeNotFound => RequestOutcome.NotFound,
        StoreFailure.Corrupt => RequestOutcome.Corrupt,
        _ => RequestOutcome.Rejected,
    };

    private StoreException Corrupt(PhotoId id, NeedleCorruptException e)
    {
        // The operator needs the file and offset; the client only needs to know to try another replica.
        logger.LogError(e, "Corrupt needle served as an error: photo {PhotoId} in volume {VolumeId}", id, id.VolumeId);
        scrubber.RecordCorruptRead(e);
        return new StoreException(StoreFailure.Corrupt,
            $"Photo {id} failed its checksum on this store and was not returned; read it from another replica.", e);
    }
}
