using System.Diagnostics;
using Haystack.Storage.Native;

namespace Haystack.Storage;

public sealed partial class Volume
{
    /// <summary>Below this many uncopied bytes, the final pass runs with writers paused.</summary>
    private const long PausedCopyThresholdBytes = 8L * 1024 * 1024;
    private const int MaxOnlinePasses = 8;

    private volatile CompactionDeletes? _compaction;

    /// <summary>
    /// Copies the live needles into a new data file while reads, writes and deletes continue, then
    /// swaps it in atomically (FORMAT.md, "Compaction"). Writers pause only for the last few megabytes.
    /// A crash at any point leaves either the old or the new volume, whole. One compaction runs at a time.
    /// </summary>
    public async Task<CompactionResult> CompactAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
        await _compactionGate.WaitAsync(linked.Token).ConfigureAwait(false);
        try
        {
            ThrowIfDisposed();
            return await Task.Run(() => CompactCoreAsync(linked.Token), linked.Token).ConfigureAwait(false);
        }
        finally
        {
            _compactionGate.Release();
        }
    }

    private async Task<CompactionResult> CompactCoreAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var old = _current;
        var sizeBefore = old.Data.End;
        var superblock = old.Data.Superblock with { CompactionRevision = old.Data.Superblock.CompactionRevision + 1 };
        var target = CompactionTarget.Create(Paths, superblock, _options);
        var committed = false;
        try
        {
            await _appendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            _compaction = new CompactionDeletes();
            _appendGate.Release();

            long copied = Format.Superblock.Size;
            for (var pass = 0; pass < MaxOnlinePasses && old.Data.End - copied > PausedCopyThresholdBytes; pass++)
            {
                copied = target.CopyLive(old, copied, old.Data.End, cancellationToken);
            }

            // Flush the bulk of the copy while writers still run, so the paused part flushes only a tail.
            target.FlushData();

            await _appendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                target.CopyLive(old, copied, old.Data.End, CancellationToken.None);
                target.ApplyDeletes(_compaction, old);
                target.FlushData();
                File.Move(Paths.CompactingData, Paths.Data, overwrite: true);
                committed = true;
                // The rename must be durable before any write to the new file is acknowledged.
                FlushDirectoryAfterCommit();
                Volatile.Write(ref _current, target.Activate());
                _compaction = null;
            }
            finally
            {
                _appendGate.Release();
            }
        }
        catch when (!committed)
        {
            _compaction = null;
            target.Abandon();
            throw;
        }

        MoveCompactedIndexIntoPlace();
        await old.DisposeAsync().ConfigureAwait(false);
        return new CompactionResult(Id, superblock.CompactionRevision, sizeBefore, target.Size, target.NeedlesCopied,
            Stopwatch.GetElapsedTime(started));
    }

    /// <summary>
    /// After the commit point nothing may stop the swap: the old data file is already replaced. A failed
    /// directory flush or index rename is repaired by the next recovery (.cpx without .cpd = committed).
    /// </summary>
    private void FlushDirectoryAfterCommit()
    {
        try
        {
            LinuxFile.FlushDirectory(Paths.Directory);
        }
        catch (IOException)
        {
            // Deliberately ignored: see the summary.
        }
    }

    /// <summary>Puts the compacted index in place; runs after writers resumed (the index is written through its handle).</summary>
    private void MoveCompactedIndexIntoPlace()
    {
        try
        {
            File.Move(Paths.CompactingIndex, Paths.Index, overwrite: true);
            LinuxFile.FlushDirectory(Paths.Directory);
        }
        catch (IOException)
        {
            // Deliberately ignored: recovery renames a leftover .cpx, or rebuilds a stale index.
        }
    }
}
