namespace Haystack.Cache;

/// <summary>Counters of one cache node since start, shown by <c>/stats</c>. Lock-free: every field moves by Interlocked.</summary>
public sealed class CacheStats
{
    private long hits;
    private long misses;
    private long bytesServed;
    private long notFound;
    private long unavailable;
    private long storeFetches;
    private long failovers;
    private long coalesced;
    private long notCached;
    private long forwarded;
    private long ownerUnreachable;
    private long reportsSent;
    private long reportsFailed;

    public long Hits => Interlocked.Read(ref hits);

    public long Misses => Interlocked.Read(ref misses);

    /// <summary>Hits over hits plus misses; 0 before the first read.</summary>
    public double HitRate => Hits + Misses is var total and > 0 ? (double)Hits / total : 0;

    /// <summary>Body bytes sent to clients (hits and misses, HEAD and 304 send none).</summary>
    public long BytesServed => Interlocked.Read(ref bytesServed);

    /// <summary>Reads answered 404 (every replica said so, or the volume is unknown).</summary>
    public long NotFound => Interlocked.Read(ref notFound);

    /// <summary>Reads that failed because no replica (or no Directory) could serve them.</summary>
    public long Unavailable => Interlocked.Read(ref unavailable);

    /// <summary>GETs sent to stores; concurrent misses for one photo share one.</summary>
    public long StoreFetches => Interlocked.Read(ref storeFetches);

    /// <summary>Times a read moved on to the next replica because one failed or timed out.</summary>
    public long Failovers => Interlocked.Read(ref failovers);

    /// <summary>Misses that joined a store fetch already in flight for the same photo.</summary>
    public long Coalesced => Interlocked.Read(ref coalesced);

    /// <summary>Fetched photos not cached: CDN requests, photos of volumes that are not writable, or too large.</summary>
    public long NotCached => Interlocked.Read(ref notCached);

    /// <summary>Requests passed to the node that owns the photo.</summary>
    public long Forwarded => Interlocked.Read(ref forwarded);

    /// <summary>Requests served directly (uncached) because the owning node did not answer.</summary>
    public long OwnerUnreachable => Interlocked.Read(ref ownerUnreachable);

    public long ReportsSent => Interlocked.Read(ref reportsSent);

    public long ReportsFailed => Interlocked.Read(ref reportsFailed);

    public void RecordHit(long bytes)
    {
        Interlocked.Increment(ref hits);
        Interlocked.Add(ref bytesServed, bytes);
    }

    public void RecordMiss(long bytes)
    {
        Interlocked.Increment(ref misses);
        Interlocked.Add(ref bytesServed, bytes);
    }

    public void RecordNotFound()
    {
        Interlocked.Increment(ref misses);
        Interlocked.Increment(ref notFound);
    }

    public void RecordUnavailable()
    {
        Interlocked.Increment(ref misses);
        Interlocked.Increment(ref unavailable);
    }

    public void RecordStoreFetch() => Interlocked.Increment(ref storeFetches);

    public void RecordFailover() => Interlocked.Increment(ref failovers);

    public void RecordCoalesced() => Interlocked.Increment(ref coalesced);

    public void RecordNotCached() => Interlocked.Increment(ref notCached);

    public void RecordForwarded(long bytes)
    {
        Interlocked.Increment(ref forwarded);
        Interlocked.Add(ref bytesServed, bytes);
    }

    public void RecordOwnerUnreachable() => Interlocked.Increment(ref ownerUnreachable);

    public void RecordReport(bool sent) => Interlocked.Increment(ref sent ? ref reportsSent : ref reportsFailed);
}
