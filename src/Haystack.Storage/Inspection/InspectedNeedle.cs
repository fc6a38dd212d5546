namespace Haystack.Storage.Inspection;

/// <summary>
/// One needle found by <see cref="VolumeFileInspector.ScanNeedles"/>: its header verified, so its place
/// and length are known. Its data was checked too: <see cref="Problem"/> says what failed, or is null.
/// </summary>
/// <param name="Location">Byte offset in the data file and total length on disk, padding included.</param>
/// <param name="IsDeleted">The needle's deleted flag is set on disk.</param>
/// <param name="DataLength">Bytes of photo data.</param>
/// <param name="Problem">Why the footer or the data checksum (CRC-32C) failed, or null when the needle is intact.</param>
public sealed record InspectedNeedle(
    NeedleLocation Location,
    NeedleId Id,
    uint Cookie,
    bool IsDeleted,
    int DataLength,
    string? ContentType,
    string? Problem)
{
    /// <summary>Footer and data checksum verified: a read of this needle would return its data.</summary>
    public bool IsIntact => Problem is null;
}
