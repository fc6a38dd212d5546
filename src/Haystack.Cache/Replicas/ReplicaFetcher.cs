using System.Globalization;
using System.Net;
using Haystack.Cache.Memory;
using Haystack.Storage.Checksums;
using Haystack.Protocol;
using Microsoft.Extensions.Logging;

namespace Haystack.Cache.Replicas;

/// <summary>
/// The miss path: locate the photo's volume, read it from one replica, move on to the next when one fails or
/// does not answer within the per-replica timeout, and report failed replicas to the Directory. When every
/// replica of a cached lookup failed, the Directory is asked again once: the volume may have moved.
/// </summary>
public sealed class ReplicaFetcher(
    HttpClient stores,
    VolumeLocator locator,
    ReplicaHealth health,
    ProblemReporter reporter,
    CacheStats stats,
    CacheOptions options,
    ILogger<ReplicaFetcher> logger)
{
    public async Task<FetchOutcome> FetchAsync(PhotoId id, CancellationToken cancellationToken)
    {
        VolumeLocation? location;
        bool fresh;
        try
        {
            (location, fresh) = await locator.LocateAsync(id.VolumeId, cancellationToken);
        }
        catch (DirectoryException e)
        {
            return FetchOutcome.Unavailable($"Photo {id}: cannot locate volume {id.VolumeId}. {e.Message}");
        }
        if (location is null)
        {
            return FetchOutcome.NotFound;
        }

        var outcome = await TryReplicasAsync(id, location, cancellationToken);
        if (outcome.Status == FetchStatus.Unavailable && !fresh)
        {
            VolumeLocation? refreshed;
            try
            {
                refreshed = await locator.RefreshAsync(id.VolumeId, cancellationToken);
            }
            catch (DirectoryException)
            {
                return outcome;
            }
            if (refreshed is not null && !refreshed.Replicas.SequenceEqual(location.Replicas))
            {
                outcome = await TryReplicasAsync(id, refreshed, cancellationToken);
            }
        }
        return outcome;
    }

    private async Task<FetchOutcome> TryReplicasAsync(PhotoId id, VolumeLocation location, CancellationToken cancellationToken)
    {
        if (location.Replicas.Count == 0)
        {
            return FetchOutcome.Unavailable($"Photo {id}: the Directory lists no replicas for volume {id.VolumeId}.");
        }
        var failures = new List<string>();
        var notFound = 0;
        // A degraded volume has a replica the Directory found failing; it lists that one last, so keep its order.
        foreach (var store in health.Order(id.Key, location.Replicas, spread: location.State != VolumeState.Degraded))
        {
            if (failures.Count > 0)
            {
                stats.RecordFailover();
            }
            var attempt = await ReadAsync(store, id, cancellationToken);
            if (attempt.Photo is not null)
            {
                health.RecordSuccess(store);
                return FetchOutcome.Found(attempt.Photo, location.IsWritable);
            }
            if (attempt.NotFound)
            {
                notFound++;
                continue;
            }
            failures.Add($"{store.GetLeftPart(UriPartial.Authority)}: {attempt.Error}");
            health.RecordFailure(store);
            locator.Expire(id.VolumeId);
            reporter.Report(id, store, attempt.Problem!.Value);
        }
        if (notFound == location.Replicas.Count)
        {
            return FetchOutcome.NotFound;
        }
        var message = $"Photo {id}: no replica of volume {id.VolumeId} could serve it ({string.Join("; ", failures)}" +
            (notFound > 0 ? $"; {notFound} other replica(s) do not have it)." : ").") + " Retry shortly; the Directory has been told.";
        logger.LogWarning("No replica of volume {VolumeId} could serve photo {PhotoId} ({Failures}); {NotFound} other replica(s) do not have it",
            id.VolumeId, id, string.Join("; ", failures), notFound);
        return FetchOutcome.Unavailable(message);
    }

    private async Task<ReplicaAttempt> ReadAsync(Uri store, PhotoId id, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.ReplicaTimeout);
        stats.RecordStoreFetch();
        try
        {
            using var response = await stores.GetAsync(new Uri(store, $"/{id}"), HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var data = await response.Content.ReadAsByteArrayAsync(deadline.Token);
                var contentType = response.Content.Headers.ContentType?.ToString() ?? PhotoContentType.Default;
                var etag = response.Headers.ETag?.Tag.Trim('"') ?? Crc32C.Compute(data).ToString("x8", CultureInfo.InvariantCulture);
                return ReplicaAttempt.Served(new CachedPhoto(data, contentType, etag));
            }
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return ReplicaAttempt.Missing;
            }
            var body = await response.Content.ReadAsStringAsync(deadline.Token);
            // The store answers a needle that failed its checksum with 500 and a message naming the checksum.
            var problem = response.StatusCode == HttpStatusCode.InternalServerError && body.Contains("checksum", StringComparison.OrdinalIgnoreCase)
                ? ReplicaProblem.Corrupt
                : ReplicaProblem.Unreachable;
            return ReplicaAttempt.Failed(problem, $"answered {(int)response.StatusCode} {body.Trim()}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ReplicaAttempt.Failed(ReplicaProblem.Unreachable, $"no answer within {options.ReplicaTimeout.TotalMilliseconds:0} ms");
        }
        catch (HttpRequestException e)
        {
            return ReplicaAttempt.Failed(ReplicaProblem.Unreachable, e.Message);
        }
    }
}
