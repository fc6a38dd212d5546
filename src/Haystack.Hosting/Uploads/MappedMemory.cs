using System.Buffers;

namespace Haystack.Hosting.Uploads;

/// <summary>
/// One contiguous <see cref="Memory{T}"/> outside the GC heap, in an anonymous mapping that grows in place
/// (<c>mremap</c>: the kernel moves page tables, never bytes) and goes back to the system when disposed. Large upload
/// buffers live here: doubling GC arrays side by side left large-object-heap holes too small for the next stage, so
/// the heap grew past what the budget counted (docs/security.md, "Where the directory's extra peak went"). Once
/// disposed, <see cref="GetSpan"/> and <see cref="Pin"/> refuse with <see cref="ObjectDisposedException"/>; a pin taken
/// before keeps the mapping until it is let go.
/// </summary>
public sealed class MappedMemory : MemoryManager<byte>
{
    private readonly MappedRegion _region;
    private int _length;
    private int _pins;
    // The region reads as closed only once its last pin is let go; this one refuses from Dispose on.
    private volatile bool _disposed;

    private MappedMemory(MappedRegion region, int length)
    {
        _region = region;
        _length = length;
    }

    /// <summary>The bytes a mapping of <paramref name="bytes"/> takes: whole pages.</summary>
    public static int Pages(int bytes) => (int)Math.Min(int.MaxValue, ((long)bytes + Environment.SystemPageSize - 1) / Environment.SystemPageSize * Environment.SystemPageSize);

    /// <summary>Maps <paramref name="bytes"/> (rounded up to whole pages, see <see cref="Pages"/>), zeroed, touched as written.</summary>
    /// <exception cref="UploadMemoryExhaustedException">The system had no memory or mappings left.</exception>
    public static MappedMemory Map(int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytes);
        var length = Pages(bytes);
        return new MappedMemory(MappedRegion.Map((nuint)length), length);
    }

    public int Length => _length;

    /// <summary>Grows to <paramref name="bytes"/> (whole pages), keeping the bytes; spans taken before are stale.</summary>
    public void Grow(int bytes)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var length = Pages(bytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, _length);
        if (Volatile.Read(ref _pins) > 0)
        {
            throw new InvalidOperationException("A pinned mapping cannot grow: it may move.");
        }
        _region.Grow((nuint)length);
        _length = length;
    }

    public override unsafe Span<byte> GetSpan()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new Span<byte>((void*)_region.DangerousGetHandle(), _length);
    }

    public override unsafe MemoryHandle Pin(int elementIndex = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(elementIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(elementIndex, _length);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var added = false;
        // Holds the mapping until Unpin; throws ObjectDisposedException if Dispose unmapped it since the check.
        _region.DangerousAddRef(ref added);
        Interlocked.Increment(ref _pins);
        return new MemoryHandle((byte*)_region.DangerousGetHandle() + elementIndex, pinnable: this);
    }

    public override void Unpin()
    {
        Interlocked.Decrement(ref _pins);
        _region.DangerousRelease();
    }

    protected override void Dispose(bool disposing)
    {
        _disposed = true;
        _region.Dispose();
    }
}
