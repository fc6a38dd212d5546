namespace Haystack.Directory;

/// <summary>A request the Directory refuses; the message is safe to show the client and says what to do.</summary>
public sealed class DirectoryException(DirectoryFailure failure, string message, Exception? inner = null) : Exception(message, inner)
{
    public DirectoryFailure Failure { get; } = failure;
}
