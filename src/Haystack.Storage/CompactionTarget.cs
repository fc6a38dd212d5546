using Haystack.Storage.Files;
using Haystack.Storage.Format;
using Haystack.Storage.Memory;
using Microsoft.Win32.SafeHandles;

namespace Haystack.Storage;

/// <summary>
/// The new generation a compaction builds under temporary names (.cpd, .cpx): live needles copied
/// byte for byte from the old data file, with a fresh map and index.
/// </summary>
internal sealed class CompactionTarget
{
    private readonly VolumePaths _paths;
    private readonly SafeFileHandle _indexHandle;
    private readonly BufferedIndexWriter _index;
    private readonly VolumeGeneration _generation;

    private CompactionTarget(VolumePaths paths, DataFile data, SafeFileHandle indexHandle, int mapFoldThreshold)
    {
        _paths = paths;
        _indexHandle = indexHandle;
        _index = new BufferedIndexWriter(indexHandle, IndexFileHeader.Size);
        _generation = new VolumeGeneration(data, new NeedleMap(mapFoldThreshold));
    }

    public long NeedlesCopied { get; private set; }

    public long Size => _generation.Data.End;

    public static CompactionTarget Create(VolumePaths paths, Superblock superblock, VolumeOptions options)
    {
        RemoveLeftovers(paths);
        var data = DataFile.Create(paths.CompactingData, superblock, options.PreallocationStepBytes, options.DataSync);
        try
        {
            var index = BackgroundIndexWriter.CreateFile(paths.CompactingIndex, new IndexFileHeader(paths.VolumeId, superblock.CompactionRevision));
            return new CompactionTarget(paths, data, index, options.MapFoldThreshold);
        }
        catch
        {
            data.Retire();
            throw;
        }
    }

    /// <summary>Index first: a .cpx without a .cpd means "committed" to recovery.</summary>
    public static void RemoveLeftovers(VolumePaths paths)
    {
        File.Delete(paths.CompactingIndex);
        File.Delete(paths.CompactingData);
    }

    /// <summary>Copies the needles in [from, to) of the old file that the old map still points at; returns where it stopped.</summary>
    public long CopyLive(VolumeGeneration old, long from, long to, CancellationToken cancellationToken)
    {
        using var scanner = new NeedleScanner(old.Data.Handle, from, to);
        try
        {
            while (scanner.TryReadNext(out var needle))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var id = needle.Header.Id;
                var oldSlot = NeedleSlot.FromBytes(needle.Offset, needle.Header.TotalLength);
                if (needle.Header.IsDeleted || !old.Map.TryGet(id, out var current) || current != oldSlot)
                {
                    continue;
                }
                var offset = _generation.Data.Append(needle.Bytes.Span);
                var slot = NeedleSlot.FromBytes(offset, needle.Header.TotalLength);
                _generation.ApplyPut(id, slot);
                _index.Append(VolumeGeneration.PutRecord(id, slot));
                NeedlesCopied++;
            }
            return scanner.Position;
        }
        catch (InvalidNeedleDataException invalid)
        {
            throw new NeedleCorruptException(_paths.VolumeId, default, invalid.Offset, old.Data.Path,
                $"{invalid.Problem}; compaction stopped and the volume is unchanged");
        }
    }

    /// <summary>
    /// Deletes in the copy every needle deleted during the compaction and still deleted now, or waiting for its
    /// flush: the copy is flushed before the swap, so that delete is durable in the new file.
    /// </summary>
    public void ApplyDeletes(CompactionDeletes deletes, VolumeGeneration old)
    {
        ReadOnlySpan<byte> deletedFlag = [(byte)NeedleFlags.Deleted];
        foreach (var id in deletes.Ids)
        {
            if (old.Map.TryGet(id, out var live) && !live.IsDeleted && !old.IsDeletePending(id, live))
            {
                continue;
            }
            if (_generation.Map.TryGet(id, out var copied) && !copied.IsDeleted)
            {
                _generation.Data.WriteAt(deletedFlag, copied.Offset + NeedleLayout.FlagsOffset);
                _generation.ApplyDelete(id, copied);
                _index.Append(VolumeGeneration.TombstoneRecord(id, copied));
            }
        }
    }

    /// <summary>
    /// Makes the copied needles durable and writes out buffered index records. The index is not
    /// flushed: like any index it may lose its tail in a crash, which recovery repairs from the data.
    /// </summary>
    public void FlushData()
    {
        _index.Flush();
        _generation.Data.SyncData();
    }

    /// <summary>After the renames: the generation, under its final names, with its index writer running.</summary>
    public VolumeGeneration Activate()
    {
        _generation.Data.Path = _paths.Data;
        _generation.StartIndex(new BackgroundIndexWriter(_indexHandle, _paths.Index, _index.End, _generation.Data.Durability));
        return _generation;
    }

    /// <summary>Closes and deletes the uncommitted files.</summary>
    public void Abandon()
    {
        _indexHandle.Dispose();
        _generation.Data.Retire();
        RemoveLeftovers(_paths);
    }
}
