using Haystack.Storage.Format;
using Haystack.Storage.Memory;
using Haystack.Storage.Scrubbing;

namespace Haystack.Storage;

public sealed partial class Volume
{
    /// <summary>The largest read a scrub asks its throttle for at once (a larger needle is read whole, in one request).</summary>
    public const int ScrubReadBlockBytes = ScrubReader.BlockSize;

    /// <summary>True once the volume was disposed (closed for good, or replaced by a rebuilt copy).</summary>
    public bool IsClosed => Volatile.Read(ref _disposed) == 1;

    /// <summary>
    /// Checks every live needle that starts in [<paramref name="from"/>, <paramref name="from"/> + <paramref name="maxBytes"/>)
    /// against the data file: the bytes at the offset the needle map (the index records) names must be a whole needle with
    /// that id and length, whose header and data checksums verify. <paramref name="throttle"/> is awaited with the size of
    /// every block before it is read, which is how the caller bounds the rate. Deleted and superseded needles are skipped:
    /// no reader can get them. A failure is read again before it is reported, so a needle repaired or deleted meanwhile is
    /// not reported. Reads, writes and deletes go on meanwhile.
    /// </summary>
    public async Task<ScrubStep> ScrubAsync(
        long from, long maxBytes, Func<int, CancellationToken, ValueTask> throttle, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        ThrowIfDisposed();
        var generation = Volatile.Read(ref _current);
        if (!generation.Data.TryAcquire())
        {
            throw new VolumeClosedException(Id, "the data file was replaced while starting the scrub; retry");
        }
        try
        {
            var end = generation.Data.End;
            var start = Math.Clamp(from, Superblock.Size, end);
            var to = start + Math.Min(maxBytes, end - start);
            var candidates = new List<KeyValuePair<NeedleId, NeedleSlot>>();
            generation.Map.CollectLive(start, to, candidates);
            candidates.Sort(static (left, right) => left.Value.OffsetUnits.CompareTo(right.Value.OffsetUnits));
            var fileLength = RandomAccess.GetLength(generation.Data.Handle);
            using var reader = new ScrubReader(generation.Data.Handle, fileLength, throttle);
            var findings = new List<ScrubFinding>();
            var checkedNeedles = 0;
            long previousOffset = -1;
            foreach (var (id, slot) in candidates)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (slot.Offset == previousOffset || !generation.Map.TryGet(id, out var current) || current != slot)
                {
                    continue; // stale: the needle was deleted, overwritten or listed twice since it was collected
                }
                previousOffset = slot.Offset;
                checkedNeedles++;
                if (slot.Offset + slot.Length > fileLength)
                {
                    findings.Add(new ScrubFinding(id, slot.Offset, slot.Length,
                        $"the data file ends at byte {fileLength}, before this needle's end at {slot.Offset + slot.Length}", Missing: true, DateTimeOffset.UtcNow));
                    continue;
                }
                var bytes = await reader.ReadAsync(slot.Offset, slot.Length, cancellationToken).ConfigureAwait(false);
                if (NeedleCodec.Verify(bytes.Span, id, slot.Length, out _) is not null && Confirm(generation, id, slot) is { } problem)
                {
                    findings.Add(new ScrubFinding(id, slot.Offset, slot.Length, problem, Missing: false, DateTimeOffset.UtcNow));
                }
            }
            return new ScrubStep(start, to, end, generation.Data.Superblock.CompactionRevision, checkedNeedles, reader.BytesRead, findings);
        }
        finally
        {
            generation.Data.Release();
        }
    }

    /// <summary>Reads a failed needle once more on its own; the problem, or null if it is fine now or no longer live.</summary>
    private static string? Confirm(VolumeGeneration generation, NeedleId id, NeedleSlot slot)
    {
        var bytes = new byte[slot.Length];
        var read = RandomAccess.Read(generation.Data.Handle, bytes, slot.Offset);
        var problem = NeedleCodec.Verify(bytes.AsSpan(0, read), id, slot.Length, out _);
        return generation.Map.TryGet(id, out var current) && current == slot ? problem : null;
    }
}
