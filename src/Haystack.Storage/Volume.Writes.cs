using System.Buffers.Binary;
using Haystack.Storage.Format;
using Haystack.Storage.Memory;

namespace Haystack.Storage;

public sealed partial class Volume
{
    /// <summary>
    /// Appends a needle and returns once it is durable. A needle with the same id written later wins (overwrite); with
    /// <see cref="NeedleReplacement.SameCookie"/> only if it carries the live needle's cookie, else
    /// <see cref="NeedleCookieMismatchException"/>. Also throws
    /// <see cref="InvalidNeedleException"/>, <see cref="NeedleTooLargeException"/>,
    /// <see cref="VolumeReadOnlyException"/> or <see cref="VolumeFullException"/>. The token cancels only
    /// the wait for the append lock: once appended, the needle is kept.
    /// </summary>
    public async ValueTask<NeedleLocation> WriteAsync(
        NeedleId id, uint cookie, ReadOnlyMemory<byte> data, string? contentType = null, CancellationToken cancellationToken = default,
        NeedleReplacement replacement = NeedleReplacement.Any)
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
        if (NeedleLayout.CheckContentType(contentType) is { } problem)
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
            // Checked under the append lock, so two writers with different cookies cannot both pass.
            if (replacement == NeedleReplacement.SameCookie && HoldsOtherCookie(generation, id, cookie))
            {
                throw new NeedleCookieMismatchException(Id, id);
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
    /// Deletes a needle: sets its deleted flag in the data file and queues a tombstone for the index, and once the
    /// fdatasync covering the flag returns drops it from memory and returns. Until then readers still get the photo
    /// (a crash before the flush may bring it back, so it is not yet gone); a failed flush fails the delete and the
    /// photo stays readable. Works on read-only volumes too. Returns false when there was no live needle with this id,
    /// or another delete of it was already waiting for its flush (this one then returns with that one).
    /// </summary>
    public async ValueTask<bool> DeleteAsync(NeedleId id, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        VolumeGeneration generation;
        NeedleSlot slot;
        bool joined;
        long sequence;
        await _appendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfDisposed();
            generation = _current;
            ThrowIfFaulted(generation);
            if (!generation.Map.TryGet(id, out slot) || slot.IsDeleted)
            {
                return false;
            }
            joined = generation.IsDeletePending(id, slot);
            if (!joined)
            {
                // Pending first: a reader that sees the flag must find the delete pending, not forget the needle.
                generation.BeginDelete(id, slot);
                WriteDeletedFlag(generation, slot);
                _compaction?.RecordDelete(id);
            }
            sequence = generation.Data.Durability.Issue();
            if (!joined)
            {
                generation.Index.Enqueue(VolumeGeneration.TombstoneRecord(id, slot), sequence);
            }
        }
        finally
        {
            _appendGate.Release();
        }
        // A failed flush throws here and leaves the delete pending: readers keep getting the photo.
        await generation.Data.Durability.WaitDurableAsync(sequence).ConfigureAwait(false);
        await _appendGate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            generation.ApplyDelete(id, slot);
            generation.EndDelete(id, slot);
        }
        finally
        {
            _appendGate.Release();
        }
        return !joined;
    }

    /// <summary>
    /// The map keeps no cookies, so a live needle's header is read (8 bytes, once per replacement). A header that is not
    /// a needle's does not hold the key against a repairing write.
    /// </summary>
    private static bool HoldsOtherCookie(VolumeGeneration generation, NeedleId id, uint cookie)
    {
        if (!generation.Map.TryGet(id, out var slot) || slot.IsDeleted)
        {
            return false;
        }
        Span<byte> header = stackalloc byte[NeedleLayout.KeyOffset];
        if (RandomAccess.Read(generation.Data.Handle, header, slot.Offset) < header.Length ||
            BinaryPrimitives.ReadUInt32LittleEndian(header[NeedleLayout.MagicOffset..]) != NeedleLayout.HeaderMagic)
        {
            return false;
        }
        return BinaryPrimitives.ReadUInt32LittleEndian(header[NeedleLayout.CookieOffset..]) != cookie;
    }

    private static void WriteDeletedFlag(VolumeGeneration generation, NeedleSlot slot)
    {
        ReadOnlySpan<byte> flags = [(byte)NeedleFlags.Deleted];
        generation.Data.WriteAt(flags, slot.Offset + NeedleLayout.FlagsOffset);
    }
}
