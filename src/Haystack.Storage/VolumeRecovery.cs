using Haystack.Storage.Files;
using Haystack.Storage.Format;
using Haystack.Storage.Memory;
using Haystack.Storage.Native;
using Microsoft.Win32.SafeHandles;

namespace Haystack.Storage;

/// <summary>
/// Brings a volume back after any stop, clean or not (FORMAT.md, "Recovery"): finish or discard an
/// interrupted compaction, load the index up to its first damaged record, index the needles written
/// after the last indexed one, cut a torn tail, and rebuild the index from the data when it is missing,
/// stale or points outside the data file.
/// </summary>
internal static class VolumeRecovery
{
    private const int ReadChunkRecords = 1 << 16;

    /// <summary>Sizes the loader of a rebuild from the data file alone: one record per 4 KiB to start with; it grows.</summary>
    private const int RebuildBytesPerRecordGuess = 4096;

    /// <param name="rebuildIndex">Ignore the index file and build a new one from the data, as when it is missing.</param>
    /// <param name="keepOldIndexAs">With <paramref name="rebuildIndex"/>: move the old index file here first instead of overwriting it.</param>
    public static (VolumeGeneration Generation, RecoveryReport Report) Open(
        VolumePaths paths, VolumeOptions options, bool rebuildIndex = false, string? keepOldIndexAs = null)
    {
        // The data file's exclusive lock comes first, so nothing below touches the files of a volume
        // another process has open.
        var data = DataFile.Open(paths.Data, paths.VolumeId, options.PreallocationStepBytes, options.DataSync);
        SafeFileHandle? indexHandle = null;
        try
        {
            var compaction = ResolveInterruptedCompaction(paths);
            if (rebuildIndex && keepOldIndexAs is not null && File.Exists(paths.Index))
            {
                File.Move(paths.Index, keepOldIndexAs, overwrite: true);
            }
            var indexed = rebuildIndex ? null : new NeedleMapLoader(ExpectedRecords(paths));
            var load = indexed is null ? IndexLoad.Rebuild("a rebuild of the index was requested") : TryLoadIndex(paths, data, indexed);
            var loader = load.RebuildReason is null ? indexed! : new NeedleMapLoader(data.End / RebuildBytesPerRecordGuess);
            if (load.RebuildReason is not null)
            {
                indexHandle = BackgroundIndexWriter.CreateFile(paths.Index, new IndexFileHeader(paths.VolumeId, data.Superblock.CompactionRevision));
                load = load with { ValidLength = IndexFileHeader.Size, ScanStart = Superblock.Size, RecordsLoaded = 0 };
            }
            else
            {
                indexHandle = File.OpenHandle(paths.Index, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            }
            var indexChanged = load.RebuildReason is not null || RandomAccess.GetLength(indexHandle) != load.ValidLength;
            if (indexChanged)
            {
                RandomAccess.SetLength(indexHandle, load.ValidLength);
            }

            var indexWriter = new BufferedIndexWriter(indexHandle, load.ValidLength);
            var (scanned, truncated) = ScanUnindexed(data, load.ScanStart, loader, indexWriter);
            var generation = new VolumeGeneration(data, new NeedleMap(options.MapFoldThreshold));
            loader.LoadInto(generation);
            if (scanned > 0)
            {
                // Needles past the index may be ones a crashed writer never saw acknowledged, still only
                // in the page cache: make them durable before anyone can read them.
                data.SyncData();
            }
            if (indexChanged || scanned > 0)
            {
                // A clean restart changes nothing and skips these flushes; slow disks make them costly.
                indexWriter.Flush();
                LinuxFile.FlushData(indexHandle, paths.Index);
                LinuxFile.FlushDirectory(paths.Directory);
            }

            generation.StartIndex(new BackgroundIndexWriter(indexHandle, paths.Index, indexWriter.End, data.Durability));
            var report = new RecoveryReport(load.RecordsLoaded, scanned, truncated, load.RebuildReason, compaction);
            return (generation, report);
        }
        catch
        {
            indexHandle?.Dispose();
            data.Retire();
            throw;
        }
    }

    /// <summary>
    /// The rename of the compacted data file is the commit point. A compacted data file still present
    /// means the commit never happened: discard it. A compacted index without one means the commit
    /// happened but the index rename did not: finish it (the header check below still guards it).
    /// </summary>
    private static string? ResolveInterruptedCompaction(VolumePaths paths)
    {
        if (File.Exists(paths.CompactingData))
        {
            File.Delete(paths.CompactingIndex);
            File.Delete(paths.CompactingData);
            LinuxFile.FlushDirectory(paths.Directory);
            return "discarded an unfinished compaction; the volume is as it was before it";
        }
        if (File.Exists(paths.CompactingIndex))
        {
            File.Move(paths.CompactingIndex, paths.Index, overwrite: true);
            LinuxFile.FlushDirectory(paths.Directory);
            return "completed a committed compaction whose index was not yet in place";
        }
        return null;
    }

    private static long ExpectedRecords(VolumePaths paths) =>
        File.Exists(paths.Index) ? (new FileInfo(paths.Index).Length - IndexFileHeader.Size) / IndexRecord.Size : 0;

    /// <summary>Adds the index file's records to <paramref name="loader"/>, up to the first damaged one.</summary>
    private static IndexLoad TryLoadIndex(VolumePaths paths, DataFile data, NeedleMapLoader loader)
    {
        if (!File.Exists(paths.Index))
        {
            return IndexLoad.Rebuild("the index file is missing");
        }
        using var handle = File.OpenHandle(paths.Index, FileMode.Open, FileAccess.Read, FileShare.Read);
        var length = RandomAccess.GetLength(handle);
        var headerBytes = new byte[IndexFileHeader.Size];
        var headerRead = RandomAccess.Read(handle, headerBytes, 0);
        var header = IndexFileHeader.TryRead(headerBytes.AsSpan(0, headerRead));
        if (header is null)
        {
            return IndexLoad.Rebuild("the index header is damaged");
        }
        var mismatch = header.Value.MismatchWith(paths.VolumeId, data.Superblock.CompactionRevision);
        if (mismatch is not null)
        {
            return IndexLoad.Rebuild(mismatch);
        }

        var buffer = new byte[ReadChunkRecords * IndexRecord.Size];
        long position = IndexFileHeader.Size;
        long loaded = 0;
        long scanStart = Superblock.Size;
        while (position + IndexRecord.Size <= length)
        {
            var want = (int)Math.Min(buffer.Length, (length - position) / IndexRecord.Size * IndexRecord.Size);
            var read = RandomAccess.Read(handle, buffer.AsSpan(0, want), position);
            for (var at = 0; at + IndexRecord.Size <= read; at += IndexRecord.Size)
            {
                var record = IndexRecord.TryRead(buffer.AsSpan(at, IndexRecord.Size));
                if (record is null)
                {
                    // A torn or damaged record ends the usable index; the data scan covers the rest.
                    return new IndexLoad(position, scanStart, loaded, null);
                }
                var r = record.Value;
                if (r.OffsetUnits < Superblock.Size / NeedleLayout.Alignment || r.LengthUnits == 0 || r.NeedleEnd > data.End)
                {
                    return IndexLoad.Rebuild(
                        $"index record {loaded} names needle {r.Id} at offset {(long)r.OffsetUnits * NeedleLayout.Alignment}, " +
                        $"outside the {data.End}-byte data file");
                }
                loader.Add(r);
                if (!r.IsTombstone)
                {
                    scanStart = Math.Max(scanStart, r.NeedleEnd);
                }
                loaded++;
                position += IndexRecord.Size;
            }
            if (read < want)
            {
                break;
            }
        }
        return new IndexLoad(position, scanStart, loaded, null);
    }

    private static (long Scanned, long Truncated) ScanUnindexed(
        DataFile data, long start, NeedleMapLoader loader, BufferedIndexWriter indexWriter)
    {
        long scanned = 0;
        using var scanner = new NeedleScanner(data.Handle, start, data.End);
        try
        {
            while (scanner.TryReadNext(out var needle))
            {
                var slot = NeedleSlot.FromBytes(needle.Offset, needle.Header.TotalLength);
                var put = VolumeGeneration.PutRecord(needle.Header.Id, slot);
                loader.Add(put);
                indexWriter.Append(put);
                if (needle.Header.IsDeleted)
                {
                    var tombstone = VolumeGeneration.TombstoneRecord(needle.Header.Id, slot);
                    loader.Add(tombstone);
                    indexWriter.Append(tombstone);
                }
                scanned++;
            }
            return (scanned, 0);
        }
        catch (InvalidNeedleDataException torn)
        {
            // Only the tail can be torn: a needle is acknowledged after an fdatasync that follows the
            // complete write of every needle before it, so nothing acknowledged lies past this point.
            var truncated = data.End - torn.Offset;
            data.Truncate(torn.Offset);
            return (scanned, truncated);
        }
    }

    private readonly record struct IndexLoad(long ValidLength, long ScanStart, long RecordsLoaded, string? RebuildReason)
    {
        public static IndexLoad Rebuild(string reason) => new(IndexFileHeader.Size, Superblock.Size, 0, reason);
    }
}
