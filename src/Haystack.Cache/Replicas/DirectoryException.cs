namespace Haystack.Cache.Replicas;

/// <summary>The Directory could not be asked or gave an answer the cache cannot use; the message names it.</summary>
public sealed class DirectoryException(string message, Exception? inner = null) : Exception(message, inner);
