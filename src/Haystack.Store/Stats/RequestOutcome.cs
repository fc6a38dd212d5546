namespace Haystack.Store.Stats;

/// <summary>How a needle operation ended; a tag on the request counter.</summary>
public enum RequestOutcome
{
    Ok,
    NotFound,
    /// <summary>Bad input or a state that forbids it (malformed id, oversize, read-only, full).</summary>
    Rejected,
    /// <summary>The needle failed its checksum; nothing was returned.</summary>
    Corrupt,
    /// <summary>The client cut or stalled its upload; nothing was stored.</summary>
    Aborted,
    /// <summary>The server could not complete it (I/O error, closed volume).</summary>
    Failed,
}
