using Haystack.Storage;

namespace Haystack.Store.Http;

/// <summary>The answer to POST /volumes/{id}/compact.</summary>
public sealed record CompactionReport(
    uint VolumeId,
    uint CompactionRevision,
    long SizeBeforeBytes,
    long SizeAfterBytes,
    long ReclaimedBytes,
    long NeedlesCopied,
    double DurationMs)
{
    public static CompactionReport From(CompactionResult result) => new(
        result.VolumeId.Value,
        result.CompactionRevision,
        result.SizeBeforeBytes,
        result.SizeAfterBytes,
        result.ReclaimedBytes,
        result.NeedlesCopied,
        result.Duration.TotalMilliseconds);
}
