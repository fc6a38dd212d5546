namespace Haystack.Directory;

/// <summary>Counters behind the Directory's /stats, updated without locks.</summary>
public sealed class DirectoryStats
{
    private long _uploads;
    private long _uploadedBytes;
    private long _uploadRetries;
    private long _uploadsUnavailable;
    private long _rejected;
    private long _assigns;
    private long _lookups;
    private long _deletes;
    private long _deletesNotFound;
    private long _reports;
    private long _cacheInvalidationFailures;

    public long Uploads => Interlocked.Read(ref _uploads);

    public long UploadedBytes => Interlocked.Read(ref _uploadedBytes);

    /// <summary>Uploads moved to another volume after a replica failed.</summary>
    public long UploadRetries => Interlocked.Read(ref _uploadRetries);

    /// <summary>Uploads answered 503: no writable volume took them on every replica.</summary>
    public long UploadsUnavailable => Interlocked.Read(ref _uploadsUnavailable);

    /// <summary>Requests refused as the client's error (4xx).</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    public long Assigns => Interlocked.Read(ref _assigns);

    public long Lookups => Interlocked.Read(ref _lookups);

    public long Deletes => Interlocked.Read(ref _deletes);

    public long DeletesNotFound => Interlocked.Read(ref _deletesNotFound);

    /// <summary>Replica problems reported by caches.</summary>
    public long Reports => Interlocked.Read(ref _reports);

    public long CacheInvalidationFailures => Interlocked.Read(ref _cacheInvalidationFailures);

    public void RecordUpload(int bytes)
    {
        Interlocked.Increment(ref _uploads);
        Interlocked.Add(ref _uploadedBytes, bytes);
    }

    public void RecordUploadRetry() => Interlocked.Increment(ref _uploadRetries);

    public void RecordUploadUnavailable() => Interlocked.Increment(ref _uploadsUnavailable);

    public void RecordRejected() => Interlocked.Increment(ref _rejected);

    public void RecordAssign() => Interlocked.Increment(ref _assigns);

    public void RecordLookup() => Interlocked.Increment(ref _lookups);

    public void RecordDelete(bool found) => Interlocked.Increment(ref found ? ref _deletes : ref _deletesNotFound);

    public void RecordReport() => Interlocked.Increment(ref _reports);

    public void RecordCacheInvalidationFailure() => Interlocked.Increment(ref _cacheInvalidationFailures);
}
