using Haystack.Storage.Files;
using Haystack.Storage.Native;
using Haystack.Testing;

namespace Haystack.Storage.Tests;

public sealed class UringReadsTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Concurrent_reads_through_io_uring_return_the_bytes_at_their_offsets()
    {
        if (UringReads.Shared is not { } reads)
        {
            // Only acceptable where the kernel offers no io_uring at all (or the environment asks for threads).
            Assert.True(Environment.GetEnvironmentVariable("HAYSTACK_DISK_READS") == "threads" || IoUring.TryCreate(8) is null);
            return;
        }
        var path = Path.Combine(_directory.Path, "data");
        var bytes = TestData.Bytes(4 << 20, 3);
        await File.WriteAllBytesAsync(path, bytes);
        using var file = File.OpenHandle(path);
        var random = new Random(4);
        var ranges = Enumerable.Range(0, 2000).Select(_ => (Offset: random.Next(0, bytes.Length - 70_000), Length: random.Next(1, 70_000))).ToArray();

        var results = await Task.WhenAll(ranges.Select(async range =>
        {
            var buffer = new byte[range.Length];
            var task = reads.TryReadAsync(file, buffer, range.Offset) ?? Task.FromResult(RandomAccess.Read(file, buffer, range.Offset));
            return (range, buffer, read: await task);
        }));

        foreach (var (range, buffer, read) in results)
        {
            Assert.Equal(range.Length, read);
            Assert.True(buffer.AsSpan().SequenceEqual(bytes.AsSpan(range.Offset, range.Length)), $"bytes at {range.Offset} differ");
        }
        var atEnd = new byte[100];
        Assert.Equal(10, await reads.TryReadAsync(file, atEnd, bytes.Length - 10)!);
    }

    [Fact]
    public async Task A_read_the_kernel_refuses_fails_with_an_IO_exception_and_later_reads_still_work()
    {
        if (UringReads.Shared is not { } reads)
        {
            return;
        }
        var path = Path.Combine(_directory.Path, "write-only");
        await File.WriteAllBytesAsync(path, TestData.Bytes(1000, 1));
        using (var writeOnly = File.OpenHandle(path, FileMode.Open, FileAccess.Write))
        {
            await Assert.ThrowsAsync<IOException>(() => reads.TryReadAsync(writeOnly, new byte[10], 0)!);
        }
        using var readable = File.OpenHandle(path);
        Assert.Equal(1000, await reads.TryReadAsync(readable, new byte[2000], 0)!);
    }
}
