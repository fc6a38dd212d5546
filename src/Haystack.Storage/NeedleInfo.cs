namespace Haystack.Storage;

/// <summary>One needle found by <see cref="Volume.EnumerateNeedles"/>; the data itself is not kept.</summary>
/// <param name="IsDeleted">The needle's deleted flag is set on disk.</param>
/// <param name="IsLive">The needle is the one a read of its id returns (not deleted, not overwritten).</param>
public sealed record NeedleInfo(
    NeedleId Id,
    uint Cookie,
    string? ContentType,
    int DataLength,
    NeedleLocation Location,
    bool IsDeleted,
    bool IsLive);
