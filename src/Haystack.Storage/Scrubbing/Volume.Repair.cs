using Haystack.Storage.Format;
using Haystack.Storage.Memory;

namespace Haystack.Storage;

public sealed partial class Volume
{
    /// <summary>
    /// The whole stored needle (header, content type, data, footer, padding) of a live needle, verified, whatever its
    /// cookie: the copy a damaged replica is repaired from. Null when there is no live needle with this id; throws
    /// <see cref="NeedleCorruptException"/> when this copy is damaged too.
    /// </summary>
    public async ValueTask<byte[]?> ReadNeedleBytesAsync(NeedleId id, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            ThrowIfDisposed();
            var generation = Volatile.Read(ref _current);
            if (!generation.Map.TryGet(id, out var slot) || slot.IsDeleted)
            {
                return null;
            }
            if (!generation.Data.TryAcquire())
            {
                continue; // compaction swapped the file in between; look again in the new one
            }
            var bytes = new byte[slot.Length];
            int read;
            try
            {
                read = await ReadSlotAsync(generation.Data, bytes, slot, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                generation.Data.Release();
            }
            if (NeedleCodec.Verify(bytes.AsSpan(0, read), id, slot.Length, out var header) is { } problem)
            {
                throw new NeedleCorruptException(Id, id, slot.Offset, generation.Data.Path, problem);
            }
            return header.IsDeleted ? null : bytes;
        }
    }

    /// <summary>
    /// Repairs one needle from <paramref name="needle"/>, a healthy replica's <see cref="ReadNeedleBytesAsync"/> copy, which
    /// must verify. When the needle map names a live needle of the same length, the copy is written over exactly those
    /// bytes (the index record stays right); when the volume lacks the needle, or holds it at another length, the copy is
    /// appended and wins as an overwrite would. Returns once the write is durable (fdatasync). Works on read-only volumes:
    /// it restores what was there. The copy must be needle <paramref name="expected"/>. Waits for a running compaction, which would otherwise copy the damaged bytes.
    /// </summary>
    public async ValueTask<NeedleRepair> RepairNeedleAsync(ReadOnlyMemory<byte> needle, NeedleId expected, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var problem = NeedleCodec.Verify(needle.Span, out var header);
        if (problem is null && header.TotalLength != needle.Length)
        {
            problem = $"it is {needle.Length} bytes, its header says {header.TotalLength}";
        }
        if (problem is null && header.Id != expected)
        {
            problem = $"it is needle {header.Id}, not {expected}";
        }
        if (problem is null && header.IsDeleted)
        {
            problem = "it is flagged deleted";
        }
        if (problem is not null)
        {
            throw new InvalidNeedleException(Id, header.Id, $"the repair copy fails its checks ({problem}); nothing was written");
        }
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
        await _compactionGate.WaitAsync(linked.Token).ConfigureAwait(false);
        try
        {
            await _appendGate.WaitAsync(linked.Token).ConfigureAwait(false);
            VolumeGeneration generation;
            NeedleRepair outcome;
            long sequence;
            try
            {
                ThrowIfDisposed();
                generation = _current;
                ThrowIfFaulted(generation);
                outcome = WriteRepair(generation, header.Id, needle, out sequence);
            }
            finally
            {
                _appendGate.Release();
            }
            if (outcome is NeedleRepair.Rewritten or NeedleRepair.Appended)
            {
                await generation.Data.Durability.WaitDurableAsync(sequence).ConfigureAwait(false);
            }
            return outcome;
        }
        finally
        {
            _compactionGate.Release();
        }
    }

    /// <summary>Called with the append gate held.</summary>
    private NeedleRepair WriteRepair(VolumeGeneration generation, NeedleId id, ReadOnlyMemory<byte> needle, out long sequence)
    {
        sequence = 0;
        var fileLength = RandomAccess.GetLength(generation.Data.Handle);
        var found = generation.Map.TryGet(id, out var slot);
        // A delete waiting for its flush has written its flag over this needle: a rewrite would undo it.
        if (found && (slot.IsDeleted || generation.IsDeletePending(id, slot)))
        {
            return NeedleRepair.Deleted;
        }
        if (found && slot.Length == needle.Length)
        {
            if (slot.Offset + slot.Length > fileLength)
            {
                throw new NeedleRepairRefusedException(Id, id, $"it would end at byte {slot.Offset + slot.Length}, past the data file's end at {fileLength}");
            }
            var current = new byte[slot.Length];
            var read = RandomAccess.Read(generation.Data.Handle, current, slot.Offset);
            if (NeedleCodec.Verify(current.AsSpan(0, read), id, slot.Length, out _) is null)
            {
                return NeedleRepair.AlreadyIntact;
            }
            generation.Data.WriteAt(needle.Span, slot.Offset);
            sequence = generation.Data.Durability.Issue();
            return NeedleRepair.Rewritten;
        }
        if (generation.Data.End > fileLength)
        {
            throw new NeedleRepairRefusedException(Id, id, $"the data file ends at byte {fileLength}, before the volume's end at {generation.Data.End}");
        }
        if (generation.Data.End + needle.Length > _options.SizeLimitBytes)
        {
            throw new VolumeFullException(Id, generation.Data.End, needle.Length, _options.SizeLimitBytes);
        }
        var offset = generation.Data.Append([needle], needle.Length);
        var appended = NeedleSlot.FromBytes(offset, needle.Length);
        generation.ApplyPut(id, appended);
        sequence = generation.Data.Durability.Issue();
        generation.Index.Enqueue(VolumeGeneration.PutRecord(id, appended), sequence);
        return NeedleRepair.Appended;
    }
}
