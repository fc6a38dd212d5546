namespace Haystack.Commands.VolumeFiles;

/// <summary>
/// One needle found in a volume file. <see cref="Problem"/> is null for a needle whose header (and, when
/// checked, data)
/// verified; otherwise it says what failed.
/// </summary>
/// <param name="Offset">Byte offset of the needle header in the data file.</param>
/// <param name="TotalLength">Bytes the needle occupies, padding included; 0 when its header is unreadable.</param>
/// <param name="EndsScan">The header failed its checks, so its length cannot be trusted and nothing after it can be located.</param>
internal sealed record VolumeFileNeedle(
    long Offset,
    long TotalLength,
    ulong Key,
    uint AlternateKey,
    uint Cookie,
    int DataLength,
    int ContentTypeLength,
    string? ContentType,
    bool IsDeleted,
    bool EndsScan,
    string? Problem);
