using System.Buffers;
using Haystack.Storage.Files;
using Haystack.Storage.Format;
using Haystack.Storage.Memory;
using Haystack.Storage.Native;

namespace Haystack.Storage;

public sealed partial class Volume
{
    /// <summary>
    /// Reads a needle with one positioned read of its whole length, then verifies header, id, cookie
    /// and checksum. Returns null when there is no live needle with this id or the cookie differs (the
    /// two are deliberately indistinguishable); throws <see cref="NeedleCorruptException"/> when the bytes
    /// on disk fail verification. The needle's bytes are in a pooled buffer: dispose it when done.
    /// </summary>
    public async ValueTask<StoredNeedle?> ReadAsync(NeedleId id, uint cookie, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            ThrowIfDisposed();
            var generation = Volatile.Read(ref _current);
            if (!generation.Map.TryGet(id, out var slot) || slot.IsDeleted)
            {
                return null;
            }
            if (slot.Offset + slot.Length > generation.Data.DurableEnd)
            {
                await WaitUntilDurableAsync(generation, cancellationToken).ConfigureAwait(false);
                continue; // look again: the needle may have been overwritten, deleted or compacted meanwhile
            }
            if (!generation.Data.TryAcquire())
            {
                continue; // compaction swapped the file in between; look again in the new one
            }
            var buffer = ArrayPool<byte>.Shared.Rent(slot.Length);
            StoredNeedle? needle = null;
            bool deletedOnDisk;
            try
            {
                int read;
                try
                {
                    read = await ReadSlotAsync(generation.Data, buffer, slot, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    generation.Data.Release();
                }
                (needle, deletedOnDisk) = Interpret(generation, id, cookie, slot, buffer, read);
            }
            finally
            {
                if (needle is null)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
            if (deletedOnDisk)
            {
                await ForgetDeletedAsync(generation, id, slot).ConfigureAwait(false);
            }
            return needle;
        }
    }

    /// <summary>
    /// A needle appended but not yet covered by an fdatasync: a crash now could lose it, so it is not served
    /// until it is durable. Asks for a flush (joining the writers' group commit) and waits for it. A failed
    /// flush means the needle may never reach the disk: the read fails as the write did.
    /// </summary>
    private async Task WaitUntilDurableAsync(VolumeGeneration generation, CancellationToken cancellationToken)
    {
        var durability = generation.Data.Durability;
        try
        {
            await durability.WaitDurableAsync(durability.Issue()).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // The generation closed (compaction swapped it, or the volume is closing) after a last flush.
        }
        catch (Exception error) when (error is not OperationCanceledException && durability.Fault is not null)
        {
            throw new VolumeClosedException(Id,
                $"an fdatasync of {generation.Data.Path} failed, so its newest needles may never reach the disk and are not served; " +
                "restart the Store after checking the disk",
                error);
        }
    }

    /// <summary>
    /// A page-cached needle is copied on the calling thread; only the part that must come from the disk is read by
    /// io_uring (<see cref="UringReads"/>), or where that is unavailable by a <see cref="DiskReaders"/> thread that
    /// blocks in pread. So warm reads cost no thread switch and cold ones one.
    /// </summary>
    private static ValueTask<int> ReadSlotAsync(DataFile data, byte[] buffer, NeedleSlot slot, CancellationToken cancellationToken)
    {
        var cached = LinuxFile.ReadIfCached(data.Handle, buffer.AsSpan(0, slot.Length), slot.Offset);
        return cached == slot.Length ? ValueTask.FromResult(cached) : ReadFromDiskAsync(data, buffer, slot, cached, cancellationToken);
    }

    private static async ValueTask<int> ReadFromDiskAsync(DataFile data, byte[] buffer, NeedleSlot slot, int done, CancellationToken cancellationToken)
    {
        while (done < slot.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rest = buffer.AsMemory(done, slot.Length - done);
            var read = await (UringReads.Shared?.TryReadAsync(data.Handle, rest, slot.Offset + done)
                ?? DiskReaders.Shared.ReadAsync(data.Handle, rest, slot.Offset + done)).ConfigureAwait(false);
            if (read == 0)
            {
                break; // end of file: the verification reports the needle truncated
            }
            done += read;
        }
        return done;
    }

    /// <summary>
    /// Deleted on disk but live in memory: the tombstone did not reach the index before a crash.
    /// Learn it now, as the Haystack paper does, and record it for the next restart.
    /// </summary>
    private async Task ForgetDeletedAsync(VolumeGeneration generation, NeedleId id, NeedleSlot slot)
    {
        await _appendGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!generation.IsDeletePending(id, slot) && generation.ApplyDelete(id, slot))
            {
                generation.Index.Enqueue(VolumeGeneration.TombstoneRecord(id, slot), 0);
            }
        }
        finally
        {
            _appendGate.Release();
        }
    }

    private (StoredNeedle? Needle, bool DeletedOnDisk) Interpret(
        VolumeGeneration generation, NeedleId id, uint cookie, NeedleSlot slot, byte[] buffer, int length)
    {
        var bytes = buffer.AsSpan(0, length);
        var problem = NeedleCodec.Verify(bytes, id, slot.Length, out var header);
        if (problem is not null)
        {
            throw new NeedleCorruptException(Id, id, slot.Offset, generation.Data.Path, problem);
        }
        if (header.IsDeleted && !generation.IsDeletePending(id, slot))
        {
            return (null, true);
        }
        if (header.Cookie != cookie)
        {
            return (null, false);
        }
        var needle = new StoredNeedle(
            id,
            cookie,
            NeedleCodec.ContentType(bytes, header),
            buffer.AsMemory(NeedleCodec.DataOffset(header), header.DataLength),
            NeedleCodec.StoredChecksum(bytes, header),
            new NeedleLocation(slot.Offset, slot.Length),
            pooledBuffer: buffer);
        return (needle, false);
    }

    /// <summary>
    /// Every needle in the data file in offset order, deleted and superseded ones included (see
    /// <see cref="NeedleInfo.IsLive"/>), for dump and verify tools. Throws <see cref="NeedleCorruptException"/>
    /// at the first needle that fails verification.
    /// </summary>
    public IEnumerable<NeedleInfo> EnumerateNeedles()
    {
        ThrowIfDisposed();
        var generation = Volatile.Read(ref _current);
        if (!generation.Data.TryAcquire())
        {
            throw new VolumeClosedException(Id, "the data file was replaced while starting the enumeration; retry");
        }
        try
        {
            using var scanner = new NeedleScanner(generation.Data.Handle, Superblock.Size, generation.Data.End);
            while (true)
            {
                ScannedNeedle needle;
                try
                {
                    if (!scanner.TryReadNext(out needle))
                    {
                        yield break;
                    }
                }
                catch (InvalidNeedleDataException invalid)
                {
                    throw new NeedleCorruptException(Id, default, invalid.Offset, generation.Data.Path, invalid.Problem);
                }
                var slot = NeedleSlot.FromBytes(needle.Offset, needle.Header.TotalLength);
                var isLive = !needle.Header.IsDeleted && generation.Map.TryGet(needle.Header.Id, out var current) && current == slot;
                yield return new NeedleInfo(
                    needle.Header.Id,
                    needle.Header.Cookie,
                    NeedleCodec.ContentType(needle.Bytes.Span, needle.Header),
                    needle.Header.DataLength,
                    new NeedleLocation(needle.Offset, needle.Header.TotalLength),
                    needle.Header.IsDeleted,
                    isLive);
            }
        }
        finally
        {
            generation.Data.Release();
        }
    }

    /// <summary>
    /// A read-only stream of the data file's bytes as they are now (superblock and needles), for copying
    /// a whole replica. The bytes stay readable even if a compaction replaces the file meanwhile.
    /// </summary>
    public Stream OpenReadStream()
    {
        ThrowIfDisposed();
        var generation = Volatile.Read(ref _current);
        if (!generation.Data.TryAcquire())
        {
            throw new VolumeClosedException(Id, "the data file was replaced while opening the stream; retry");
        }
        return new DataFileReadStream(generation.Data, generation.Data.End);
    }
}
