namespace Haystack.Client.Http;

/// <summary>Which failures of a request may be retried.</summary>
internal enum RetryMode
{
    /// <summary>One attempt (a non-seekable upload body cannot be sent twice; replica reads fail over instead).</summary>
    Never,

    /// <summary>Transient failures, but not a timed-out attempt: the server may have done it (uploads).</summary>
    ExceptAfterTimeout,

    /// <summary>Every transient failure, timeouts included (reads, lookups, deletes: doing them twice is harmless).</summary>
    Always,
}
