namespace Haystack.Store.Stats;

/// <summary>The needle operations the Store counts, over HTTP and gRPC alike.</summary>
public enum StoreOperation
{
    Read,
    Write,
    Delete,
}
