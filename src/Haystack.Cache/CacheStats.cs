namespace Haystack.Cache;

/// <summary>Counters of one cache node since start, shown by <c>/stats</c>. Lock-free: every field moves by Interlocked.</summary>
public sealed class CacheStats
{
    private long _hits;
    private long _misses;
    private long _bytesServed;
    private long _notFound;
    private long _unavailable;
    private long _storeFetches;
    private long _failovers;
    private long _coalesced;
    private long _notCached;
    private long _forwarded;
    private long _ownerUnreachable;
    private long _reportsSent;
    private long _reportsFailed;

    public long Hits => Interlocked.Read(ref _hits);

    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>Hits over hits plus misses; 0 before the first read.</summary>
    public double HitRate => Hits + Misses is var total and > 0 ? (double)Hits / total : 0;

    /// <summary>Body bytes sent to clients (hits and misses, HEAD and 304 send none).</summary>
    public long BytesServed => Interlocked.Read(ref _bytesServed);

    /// <summary>Reads answered 404 (every replica said so, or the volume is unknown).</summary>
    public long NotFound => Interlocked.Read(ref _notFound);

    /// <summary>Reads that failed because no replica (or no Directory) could serve them.</summary>
    public long Unavailable => Interlocked.Read(ref _unavailable);

    /// <summary>GETs sent to stores; concurrent misses for one photo share one.</summary>
    public long StoreFetches => Interlocked.Read(ref _storeFetches);

    /// <summary>Times a read moved on to the next replica because one failed or timed out.</summary>
    public long Failovers => Interlocked.Read(ref _failovers);

    /// <summary>Misses that joined a store fetch already in flight for the same photo.</summary>
    public long Coalesced => Interlocked.Read(ref _coalesced);

    /// <summary>Fetched photos not cached: CDN requests, photos of volumes that are not writable, or too large.</summary>
    public long NotCached => Interlocked.Read(ref _notCached);

    /// <summary>Requests passed to the node that owns the photo.</summary>
    public long Forwarded => Interlocked.Read(ref _forwarded);

    /// <summary>Requests served directly (uncached) because the owning node did not answer.</summary>
    public long OwnerUnreachable => Interlocked.Read(ref _ownerUnreachable);

    public long ReportsSent => Interlocked.Read(ref _reportsSent);

    public long ReportsFailed => Interlocked.Read(ref _reportsFailed);

    public void RecordHit(long bytes)
    {
        Interlocked.Increment(ref _hits);
        Interlocked.Add(ref _bytesServed, bytes);
    }

    public void RecordMiss(long bytes)
    {
        Interlocked.Increment(ref _misses);
        Interlocked.Add(ref _bytesServed, bytes);
    }

    public void RecordNotFound()
    {
        Interlocked.Increment(ref _misses);
        Interlocked.Increment(ref _notFound);
    }

    public void RecordUnavailable()
    {
        Interlocked.Increment(ref _misses);
        Interlocked.Increment(ref _unavailable);
    }

    public void RecordStoreFetch() => Interlocked.Increment(ref _storeFetches);

    public void RecordFailover() => Interlocked.Increment(ref _failovers);

    public void RecordCoalesced() => Interlocked.Increment(ref _coalesced);

    public void RecordNotCached() => Interlocked.Increment(ref _notCached);

    public void RecordForwarded(long bytes)
    {
        Interlocked.Increment(ref _forwarded);
        Interlocked.Add(ref _bytesServed, bytes);
    }

    public void RecordOwnerUnreachable() => Interlocked.Increment(ref _ownerUnreachable);

    public void RecordReport(bool sent) => Interlocked.Increment(ref sent ? ref _reportsSent : ref _reportsFailed);
}
