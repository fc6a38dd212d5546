using System.Runtime.InteropServices;

namespace Haystack.Hosting.Uploads;

/// <summary>
/// Owns one anonymous mapping: unmapped when disposed, or at the last <see cref="SafeHandle.DangerousRelease"/> of a
/// pin taken before. No finalizer: a span of the mapping may be in use while nothing references its owner, and a
/// finalizer unmapping it then would turn a leak into a crash; a leaked region stays mapped instead.
/// </summary>
internal sealed class MappedRegion : SafeHandle
{
    private MappedRegion(nint address, nuint bytes)
        : base(nint.Zero, ownsHandle: true)
    {
        SetHandle(address);
        Bytes = bytes;
        GC.SuppressFinalize(this);
    }

    public nuint Bytes { get; private set; }

    public override bool IsInvalid => handle == nint.Zero;

    public static MappedRegion Map(nuint bytes) => new(AnonymousMappings.Map(bytes), bytes);

    /// <summary>Grows the mapping, keeping its bytes; its address may change. Only its owner may call this, unpinned.</summary>
    public void Grow(nuint bytes)
    {
        ObjectDisposedException.ThrowIf(IsClosed, this);
        SetHandle(AnonymousMappings.Grow(handle, Bytes, bytes));
        Bytes = bytes;
    }

    protected override bool ReleaseHandle() => AnonymousMappings.Unmap(handle, Bytes);
}
