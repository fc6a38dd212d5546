namespace Haystack.Storage;

/// <summary>A needle read back from a volume after its header, cookie and checksum were verified.</summary>
public sealed record StoredNeedle(
    NeedleId Id,
    uint Cookie,
    string? ContentType,
    ReadOnlyMemory<byte> Data,
    NeedleLocation Location);
