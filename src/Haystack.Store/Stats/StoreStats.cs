namespace Haystack.Store.Stats;

/// <summary>The figures behind /stats, kept per store instance; every needle operation is recorded once here.</summary>
public sealed class StoreStats(StoreMetrics metrics)
{
    private long _corruptReads;
    private long _notFound;
    private long _rejected;
    private long _abortedUploads;

    public OperationStats Gets { get; } = new();

    public OperationStats Puts { get; } = new();

    public OperationStats Deletes { get; } = new();

    public long CorruptReads => Interlocked.Read(ref _corruptReads);

    public long NotFound => Interlocked.Read(ref _notFound);

    public long Rejected => Interlocked.Read(ref _rejected);

    public long AbortedUploads => Interlocked.Read(ref _abortedUploads);

    public void Record(StoreOperation operation, RequestOutcome outcome, long bytes, TimeSpan elapsed)
    {
        metrics.Record(operation, outcome, bytes, elapsed);
        switch (outcome)
        {
            case RequestOutcome.Ok:
                var figures = operation switch
                {
                    StoreOperation.Read => Gets,
                    StoreOperation.Write => Puts,
                    _ => Deletes,
                };
                figures.Record(bytes, elapsed);
                break;
            case RequestOutcome.Corrupt:
                Interlocked.Increment(ref _corruptReads);
                break;
            case RequestOutcome.NotFound:
                Interlocked.Increment(ref _notFound);
                break;
            case RequestOutcome.Rejected:
                Interlocked.Increment(ref _rejected);
                break;
            case RequestOutcome.Aborted:
                Interlocked.Increment(ref _abortedUploads);
                break;
        }
    }
}
