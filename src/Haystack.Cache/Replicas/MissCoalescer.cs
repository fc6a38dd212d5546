using System.Collections.Concurrent;
using Haystack.Protocol;

namespace Haystack.Cache.Replicas;

/// <summary>
/// Collapses concurrent misses for one photo into a single store fetch: the first miss starts it, later ones
/// wait on the same task. This is the cache's "insulation" of the stores: a photo that suddenly gets popular
/// costs the stores one read, not one per waiting client. The fetch runs on the node's lifetime, not the first
/// client's, so a client that hangs up does not fail the others.
/// </summary>
public sealed class MissCoalescer(ReplicaFetcher fetcher, CacheStats stats, CancellationToken cancellationToken)
{
    private readonly ConcurrentDictionary<PhotoId, Task<FetchOutcome>> _inFlight = new();

    public Task<FetchOutcome> FetchAsync(PhotoId id, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_inFlight.TryGetValue(id, out var running))
            {
                stats.RecordCoalesced();
                return running.WaitAsync(cancellationToken);
            }
            var started = new TaskCompletionSource<FetchOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_inFlight.TryAdd(id, started.Task))
            {
                _ = RunAsync(id, started);
                return started.Task.WaitAsync(cancellationToken);
            }
        }
    }

    /// <summary>Lets the next miss start a new fetch instead of joining one that began before a delete.</summary>
    public void Forget(PhotoId id) => _inFlight.TryRemove(id, out _);

    private async Task RunAsync(PhotoId id, TaskCompletionSource<FetchOutcome> started)
    {
        try
        {
            started.SetResult(await fetcher.FetchAsync(id, cancellationToken));
        }
        catch (Exception e)
        {
            started.SetException(e);
        }
        finally
        {
            _inFlight.TryRemove(new KeyValuePair<PhotoId, Task<FetchOutcome>>(id, started.Task));
        }
    }
}
