namespace Haystack.Directory;

/// <summary>Counters behind the Directory's /stats, updated without locks.</summary>
public sealed class DirectoryStats
{
    private long uploads;
    private long uploadedBytes;
    private long uploadRetries;
    private long uploadsUnavailable;
    private long rejected;
    private long assigns;
    private long lookups;
    private long deletes;
    private long deletesNotFound;
    private long reports;
    private long cacheInvalidationFailures;

    public long Uploads => Interlocked.Read(ref uploads);

    public long UploadedBytes => Interlocked.Read(ref uploadedBytes);

    /// <summary>Uploads moved to another volume after a replica failed.</summary>
    public long UploadRetries => Interlocked.Read(ref uploadRetries);

    /// <summary>Uploads answered 503: no writable volume took them on every replica.</summary>
    public long UploadsUnavailable => Interlocked.Read(ref uploadsUnavailable);

    /// <summary>Requests refused as the client's error (4xx).</summary>
    public long Rejected => Interlocked.Read(ref rejected);

    public long Assigns => Interlocked.Read(ref assigns);

    public long Lookups => Interlocked.Read(ref lookups);

    public long Deletes => Interlocked.Read(ref deletes);

    public long DeletesNotFound => Interlocked.Read(ref deletesNotFound);

    /// <summary>Replica problems reported by caches.</summary>
    public long Reports => Interlocked.Read(ref reports);

    public long CacheInvalidationFailures => Interlocked.Read(ref cacheInvalidationFailures);

    public void RecordUpload(int bytes)
    {
        Interlocked.Increment(ref uploads);
        Interlocked.Add(ref uploadedBytes, bytes);
    }

    public void RecordUploadRetry() => Interlocked.Increment(ref uploadRetries);

    public void RecordUploadUnavailable() => Interlocked.Increment(ref uploadsUnavailable);

    public void RecordRejected() => Interlocked.Increment(ref rejected);

    public void RecordAssign() => Interlocked.Increment(ref assigns);

    public void RecordLookup() => Interlocked.Increment(ref lookups);

    public void RecordDelete(bool found) => Interlocked.Increment(ref found ? ref deletes : ref deletesNotFound);

    public void RecordReport() => Interlocked.Increment(ref reports);

    public void RecordCacheInvalidationFailure() => Interlocked.Increment(ref cacheInvalidationFailures);
}
