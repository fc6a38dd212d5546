using System.Runtime.InteropServices;
using Haystack.Hosting.Uploads;
using Haystack.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Haystack.Tests.Security;

/// <summary>
/// How <see cref="UploadBuffer"/> holds a body: photos in pooled arrays, larger uploads in a mapping that grows in place,
/// reserved from the budget by the pages mapped, and unmapped when the buffer is disposed or refused room.
/// </summary>
[Collection(MappingCollection.Name)]
public sealed class UploadBufferTests
{
    private const int Chunk = 64 * 1024;
    private static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_large_upload_is_read_whole_into_one_mapping_and_holds_only_its_pages()
    {
        var budget = new UploadMemoryBudget(64 * ResidentMemory.MiB, TimeSpan.Zero, "test");
        var sent = PhotoBytes.Create(1, (5 * 1024 * 1024) + 123);
        var body = new RecordingBody(sent, Chunk);

        var upload = await UploadBuffer.ReadAsync(new DefaultHttpContext(), body, sent.Length, sent.Length, budget, StallLimit, CancellationToken.None);

        Assert.True(upload.Memory.Span.SequenceEqual(sent));
        Assert.True(MemoryMarshal.TryGetMemoryManager(upload.Memory, out MappedMemory? _));
        // Grown in place, never copied: what is held is the final mapping, not one and a half times it.
        Assert.Equal(MappedMemory.Pages(sent.Length), budget.HeldBytes);
        var buffer = body.LastBuffer;

        upload.Dispose();

        Assert.Equal(0, budget.HeldBytes);
        Assert.True(upload.Memory.IsEmpty);
        Assert.Throws<ObjectDisposedException>(() => buffer.Span.Length);
        Assert.False(ProcessMappings.AnyMapped(body.LastAddress, buffer.Length));
    }

    [Fact]
    public async Task A_body_of_unknown_length_moves_from_the_pool_to_a_mapping_once_it_outgrows_it()
    {
        var budget = new UploadMemoryBudget(64 * ResidentMemory.MiB, TimeSpan.Zero, "test");
        var sent = PhotoBytes.Create(2, 3 * 1024 * 1024);

        using var upload = await UploadBuffer.ReadAsync(new DefaultHttpContext(), new RecordingBody(sent, Chunk), null, 10 * 1024 * 1024, budget, StallLimit, CancellationToken.None);

        Assert.True(upload.Memory.Span.SequenceEqual(sent));
        Assert.True(MemoryMarshal.TryGetMemoryManager(upload.Memory, out MappedMemory? _));
        Assert.Equal(MappedMemory.Pages(4 * 1024 * 1024), budget.HeldBytes);
    }

    [Fact]
    public async Task A_photo_is_read_into_a_pooled_array()
    {
        var budget = new UploadMemoryBudget(64 * ResidentMemory.MiB, TimeSpan.Zero, "test");
        var sent = PhotoBytes.Create(3, 200 * 1024);

        var upload = await UploadBuffer.ReadAsync(new DefaultHttpContext(), new RecordingBody(sent, Chunk), sent.Length, sent.Length, budget, StallLimit, CancellationToken.None);

        Assert.True(upload.Memory.Span.SequenceEqual(sent));
        Assert.True(MemoryMarshal.TryGetArray(upload.Memory, out _));
        upload.Dispose();
        Assert.Equal(0, budget.HeldBytes);
    }

    [Fact]
    public async Task A_refused_reservation_leaves_nothing_mapped_and_nothing_held()
    {
        // Large uploads may hold 5.25 MiB of it: the 4 MiB stage fits, growing to the whole 6 MiB does not.
        var budget = new UploadMemoryBudget(7 * ResidentMemory.MiB, TimeSpan.Zero, "test");
        var sent = PhotoBytes.Create(4, (6 * 1024 * 1024) + 12_345);
        var body = new RecordingBody(sent, Chunk);

        var refused = await Assert.ThrowsAsync<UploadMemoryExhaustedException>(() =>
            UploadBuffer.ReadAsync(new DefaultHttpContext(), body, sent.Length, sent.Length, budget, StallLimit, CancellationToken.None));

        Assert.Contains("test's 7340032-byte upload memory budget", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, budget.HeldBytes);
        var buffer = body.LastBuffer;
        Assert.Throws<ObjectDisposedException>(() => buffer.Span.Length);
        Assert.True(MemoryMarshal.TryGetMemoryManager<byte, MappedMemory>(buffer, out var mapping));
        Assert.Equal(4 * 1024 * 1024, Assert.IsType<MappedMemory>(mapping).Length);
        Assert.False(ProcessMappings.AnyMapped(body.LastAddress, buffer.Length));
    }
}
