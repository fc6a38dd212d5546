namespace Haystack.Storage.Inspection;

/// <summary>
/// Bytes at the end of a data file that are not a valid needle: a torn write after a crash (recovery cuts
/// it; nothing there was ever acknowledged), or a damaged header, past which no needle can be located.
/// On a volume a Store is writing, a needle being appended at the moment of inspection can look torn too.
/// </summary>
/// <param name="Offset">Where the first invalid needle starts.</param>
/// <param name="Length">Bytes from there to the end of the file.</param>
/// <param name="Problem">What is wrong at <paramref name="Offset"/>.</param>
public sealed record UnreadableTail(long Offset, long Length, string Problem);
