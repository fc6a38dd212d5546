using Haystack.Hosting.Uploads;
using Haystack.Tests.Support;

namespace Haystack.Tests.Security;

/// <summary>The mapping large upload buffers live in: grows in place keeping its bytes, refused and unmapped once disposed.</summary>
[Collection(MappingCollection.Name)]
public sealed class MappedMemoryTests
{
    [Fact]
    public void Growing_keeps_the_bytes_written_before_and_rounds_to_whole_pages()
    {
        using var mapping = MappedMemory.Map(300_000);
        Assert.Equal(MappedMemory.Pages(300_000), mapping.Length);
        Assert.Equal(0, mapping.Length % Environment.SystemPageSize);
        var written = PhotoBytes.Create(7, 300_000);
        written.CopyTo(mapping.Memory.Span);

        mapping.Grow(8 * 1024 * 1024);
        mapping.Grow(64 * 1024 * 1024);

        Assert.Equal(64 * 1024 * 1024, mapping.Length);
        Assert.True(mapping.Memory.Span[..written.Length].SequenceEqual(written));
        // The new pages are zeroed and writable to the last byte.
        Assert.Equal(0, mapping.Memory.Span[^1]);
        mapping.Memory.Span[^1] = 0xAB;
        Assert.Equal(0xAB, mapping.Memory.Span[^1]);
    }

    [Fact]
    public void A_mapping_cannot_shrink()
    {
        using var mapping = MappedMemory.Map(1024 * 1024);

        Assert.Throws<ArgumentOutOfRangeException>(() => mapping.Grow(4096));
    }

    [Fact]
    public void Dispose_unmaps_the_pages_and_the_memory_is_refused_after()
    {
        var mapping = MappedMemory.Map(4 * 1024 * 1024);
        var memory = mapping.Memory;
        memory.Span.Fill(1);
        var address = Address(memory);
        Assert.True(ProcessMappings.AnyMapped(address, mapping.Length));

        ((IDisposable)mapping).Dispose();

        Assert.False(ProcessMappings.AnyMapped(address, 4 * 1024 * 1024));
        Assert.Throws<ObjectDisposedException>(() => memory.Span.Length);
        Assert.Throws<ObjectDisposedException>(() => memory.Pin());
        Assert.Throws<ObjectDisposedException>(() => mapping.Grow(8 * 1024 * 1024));
    }

    [Fact]
    public unsafe void A_pin_taken_before_dispose_keeps_the_pages_until_it_is_let_go()
    {
        var mapping = MappedMemory.Map(1024 * 1024);
        var memory = mapping.Memory;
        memory.Span[100] = 42;
        var pin = memory.Pin();
        var address = (nint)pin.Pointer;

        ((IDisposable)mapping).Dispose();

        Assert.Throws<ObjectDisposedException>(() => memory.Span.Length);
        Assert.Equal(42, ((byte*)pin.Pointer)[100]);
        Assert.True(ProcessMappings.AnyMapped(address, 1024 * 1024));
        pin.Dispose();
        Assert.False(ProcessMappings.AnyMapped(address, 1024 * 1024));
    }

    [Fact]
    public void A_pinned_mapping_cannot_grow_because_it_may_move()
    {
        using var mapping = MappedMemory.Map(1024 * 1024);
        using (mapping.Memory.Pin())
        {
            Assert.Throws<InvalidOperationException>(() => mapping.Grow(2 * 1024 * 1024));
        }
        mapping.Grow(2 * 1024 * 1024);
        Assert.Equal(2 * 1024 * 1024, mapping.Length);
    }

    private static unsafe nint Address(Memory<byte> memory)
    {
        using var pin = memory.Pin();
        return (nint)pin.Pointer;
    }
}
