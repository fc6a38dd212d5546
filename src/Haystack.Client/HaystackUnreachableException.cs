namespace Haystack.Client;

/// <summary>A server could not be reached, or did not answer within the attempt timeout, on every try.</summary>
public sealed class HaystackUnreachableException(string message, Uri server, Exception? inner = null)
    : HaystackException(message, server, statusCode: null, isTransient: true, inner);
