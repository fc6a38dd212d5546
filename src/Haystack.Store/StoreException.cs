namespace Haystack.Store;

/// <summary>A request the Store refuses; the message is safe to show the client and says what to do.</summary>
public sealed class StoreException(StoreFailure failure, string message, Exception? inner = null) : Exception(message, inner)
{
    public StoreFailure Failure { get; } = failure;
}
