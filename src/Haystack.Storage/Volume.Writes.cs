using Haystack.Storage.Format;
using Haystack.Storage.Memory;

namespace Haystack.Storage;

public sealed partial class Volume
{
    /// <summary>
    /// Appends a needle and returns once it is durable. A needle with the same id written later wins
    /// (overwrite). Throws <see cref="InvalidNeedleException"/>, <see cref="NeedleTooLargeException"/>,
    /// <see cref="VolumeReadOnlyException"/> or <see cref="VolumeFullException"/>. The token cancels only
    /// the wait for the append lock: once appended, the needle is kept.
    /// </summary>
    public async ValueTask<NeedleLocation> WriteAsync(
        NeedleId id, uint cookie, ReadOnlyMemory<byte> data, string? contentType = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        if (data.IsEmpty)
        {
            throw new InvalidNeedleException(Id, id, "it has no data (empty needles are not stored)");
        }
        if (data.Length > _options.MaxNeedleDataBytes)
        {
            throw new NeedleTooLargeException(Id, id, data.Length, _options.MaxNeedleDataBytes);
        }
        if (EncodedNeedle.CheckContentType(contentType) is { } problem)
        {
            throw new InvalidNeedleException(Id, id, problem);
        }
        var needle = EncodedNeedle.Create(id, cookie, contentType, data);

        VolumeGeneration generation;
        long offset;
        long sequence;
        await _appendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfDisposed();
            generation = _current;
            ThrowIfFaulted(generation);
            if (_readOnly)
            {
                throw new VolumeReadOnlyException(Id, "it was marked read-only");
            }
            var end = generation.Data.End;
            if (end + needle.TotalLength > _options.SizeLimitBytes)
            {
                throw new VolumeFullException(Id, end, needle.TotalLength, _options.SizeLimitBytes);
            }
            offset = generation.Data.Append(needle.Segments, needle.TotalLength);
            var slot = NeedleSlot.FromBytes(offset, needle.TotalLength);
            generation.ApplyPut(id, slot);
            sequence = generation.Data.Durability.Issue();
            generation.Index.Enqueue(VolumeGeneration.PutRecord(id, slot), sequence);
        }
        finally
        {
            _appendGate.Release();
        }
        await generation.Data.Durability.WaitDurableAsync(sequence).ConfigureAwait(false);
        return new NeedleLocation(offset, needle.TotalLength);
    }

    /// <summary>
    /// Deletes a needle: sets its deleted flag in the data file (durable before returning), drops it
    /// from memory and queues a tombstone for the index. Works on read-only volumes too. Returns false
    /// when there was no live needle with this id.
    /// </summary>
    public async ValueTask<bool> DeleteAsync(NeedleId id, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        VolumeGeneration generation;
        long sequence;
        await _appendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfDisposed();
            generation = _current;
            ThrowIfFaulted(generation);
            if (!generation.Map.TryGet(id, out var slot) || slot.IsDeleted)
            {
                return false;
            }
            WriteDeletedFlag(generation, slot);
            generation.ApplyDelete(id, slot);
            _compaction?.RecordDelete(id);
            sequence = generation.Data.Durability.Issue();
            generation.Index.Enqueue(VolumeGeneration.TombstoneRecord(id, slot), sequence);
        }
        finally
        {
            _appendGate.Release();
        }
        await generation.Data.Durability.WaitDurableAsync(sequence).ConfigureAwait(false);
        return true;
    }

    private static void WriteDeletedFlag(VolumeGeneration generation, NeedleSlot slot)
    {
        ReadOnlySpan<byte> flags = [(byte)NeedleFlags.Deleted];
        generation.Data.WriteAt(flags, slot.Offset + NeedleLayout.FlagsOffset);
    }
}
