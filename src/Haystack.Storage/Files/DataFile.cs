using Haystack.Storage.Format;
using Haystack.Storage.Native;
using Microsoft.Win32.SafeHandles;

namespace Haystack.Storage.Files;

/// <summary>
/// A volume's data file: superblock then needles, appended at <see cref="End"/>. The file's length is the
/// logical end; blocks past it are reserved in large steps with fallocate(KEEP_SIZE), so recovery needs
/// no separate end marker. The handle is reference counted because compaction swaps files while reads
/// are in flight: the old file closes when its last reader lets go. <see cref="DurableEnd"/> is how far
/// an fdatasync has covered, so a read can tell in one comparison whether a needle may be served yet.
/// </summary>
internal sealed class DataFile
{
    private readonly long _preallocationStep;
    private readonly Action<SafeFileHandle, string> _fdatasync;
    private long _end;
    private long _durableEnd;
    private long _preallocatedEnd;
    private int _references = 1;

    private DataFile(
        SafeFileHandle handle, string path, Superblock superblock, long end, long preallocationStep, Action<SafeFileHandle, string> fdatasync)
    {
        Handle = handle;
        Path = path;
        Superblock = superblock;
        _end = end;
        _durableEnd = end;
        _preallocatedEnd = end;
        _preallocationStep = preallocationStep;
        _fdatasync = fdatasync;
        LinuxFile.AdviseRandomAccess(handle);
        Durability = new GroupCommit($"fdatasync {System.IO.Path.GetFileName(path)}", SyncData);
    }

    public SafeFileHandle Handle { get; }

    /// <summary>Where the file is now; compaction renames it into place.</summary>
    public string Path { get; set; }

    public Superblock Superblock { get; }

    public GroupCommit Durability { get; }

    public long End => Volatile.Read(ref _end);

    /// <summary>Every byte below this offset is on stable storage: an fdatasync that started after it was written returned.</summary>
    public long DurableEnd => Volatile.Read(ref _durableEnd);

    /// <summary>Creates the file with its superblock, durably (the caller flushes the directory).</summary>
    public static DataFile Create(string path, Superblock superblock, long preallocationStep, Action<SafeFileHandle, string> fdatasync)
    {
        var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        try
        {
            RandomAccess.Write(handle, superblock.ToBytes(), 0);
            fdatasync(handle, path);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
        return new DataFile(handle, path, superblock, Superblock.Size, preallocationStep, fdatasync);
    }

    /// <summary>
    /// Opens an existing data file, checking its superblock names the expected volume. The whole file counts
    /// as durable: recovery syncs whatever it finds past the index (which only ever names durable needles).
    /// </summary>
    public static DataFile Open(string path, VolumeId expected, long preallocationStep, Action<SafeFileHandle, string> fdatasync)
    {
        var handle = OpenExclusive(path);
        try
        {
            var length = RandomAccess.GetLength(handle);
            var bytes = new byte[Math.Min(length, Superblock.Size)];
            _ = RandomAccess.Read(handle, bytes, 0);
            var superblock = Superblock.Read(bytes, path);
            if (superblock.VolumeId != expected)
            {
                throw new VolumeFormatException(path,
                    $"holds volume {superblock.VolumeId}, expected volume {expected}; the file was renamed or copied to the wrong place.");
            }
            return new DataFile(handle, path, superblock, length, preallocationStep, fdatasync);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Appends one needle with a single vectored write; returns its offset.</summary>
    public long Append(IReadOnlyList<ReadOnlyMemory<byte>> segments, int length)
    {
        var offset = _end;
        Reserve(offset + length);
        RandomAccess.Write(Handle, segments, offset);
        Volatile.Write(ref _end, offset + length);
        return offset;
    }

    /// <summary>Appends bytes already laid out as needles (compaction copies); returns the offset.</summary>
    public long Append(ReadOnlySpan<byte> bytes)
    {
        var offset = _end;
        Reserve(offset + bytes.Length);
        RandomAccess.Write(Handle, bytes, offset);
        Volatile.Write(ref _end, offset + bytes.Length);
        return offset;
    }

    /// <summary>Overwrites bytes in place (a needle's flags byte on delete).</summary>
    public void WriteAt(ReadOnlySpan<byte> bytes, long offset) => RandomAccess.Write(Handle, bytes, offset);

    /// <summary>
    /// The fdatasync: everything written before the call is on stable storage when it returns, and
    /// <see cref="DurableEnd"/> moves up to where the file ended as the call began. The group commit's
    /// flusher calls it; so do recovery and compaction, which own their file alone.
    /// </summary>
    public void SyncData()
    {
        var end = End;
        _fdatasync(Handle, Path);
        if (end > Volatile.Read(ref _durableEnd))
        {
            Volatile.Write(ref _durableEnd, end);
        }
    }

    /// <summary>Cuts the file at <paramref name="length"/> (a torn tail) and makes that durable.</summary>
    public void Truncate(long length)
    {
        RandomAccess.SetLength(Handle, length);
        Volatile.Write(ref _end, length);
        Volatile.Write(ref _durableEnd, Math.Min(DurableEnd, length));
        _preallocatedEnd = length;
        SyncData();
    }

    public bool TryAcquire()
    {
        var current = Volatile.Read(ref _references);
        while (current > 0)
        {
            var seen = Interlocked.CompareExchange(ref _references, current + 1, current);
            if (seen == current)
            {
                return true;
            }
            current = seen;
        }
        return false;
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            Handle.Dispose();
        }
    }

    /// <summary>Stops the flusher (after a last flush) and drops the owner's reference.</summary>
    public void Retire()
    {
        Durability.Dispose();
        Release();
    }

    /// <summary>Opens for exclusive use: a second Store process on the same volume is refused.</summary>
    public static SafeFileHandle OpenExclusive(string path)
    {
        try
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException error) when (error is not FileNotFoundException)
        {
            throw new IOException($"{path} is in use by another process (a volume is opened by one Store at a time): {error.Message}", error);
        }
    }

    private void Reserve(long end)
    {
        if (end <= _preallocatedEnd || _preallocationStep == 0)
        {
            return;
        }
        var target = NeedleLayout.Align(end) + _preallocationStep;
        // Preallocation is an optimisation (fewer extents, no fragmentation); a file system without
        // fallocate support still takes the write.
        if (LinuxFile.TryPreallocate(Handle, _preallocatedEnd, target - _preallocatedEnd))
        {
            _preallocatedEnd = target;
        }
        else
        {
            _preallocatedEnd = long.MaxValue;
        }
    }
}
