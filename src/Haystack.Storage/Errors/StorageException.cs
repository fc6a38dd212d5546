namespace Haystack.Storage;

/// <summary>Base of every error the storage engine raises on purpose; the message says what to do.</summary>
public abstract class StorageException(string message, Exception? inner = null) : Exception(message, inner);
