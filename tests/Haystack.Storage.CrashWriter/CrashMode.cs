namespace Haystack.Storage.CrashWriter;

/// <summary>What the child does until it is killed.</summary>
public enum CrashMode
{
    /// <summary>Concurrent writes only.</summary>
    Write,

    /// <summary>Writes, and deletes of needles written earlier.</summary>
    Delete,

    /// <summary>Writes and deletes while compactions run back to back.</summary>
    Compact,

    /// <summary>Writes, each read back while it is still in flight, before its acknowledgement.</summary>
    Read,
}
