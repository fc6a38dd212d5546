using Haystack.Storage.Files;
using Haystack.Testing;

namespace Haystack.Storage.Tests;

public sealed class DiskReadersTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Many_reads_in_flight_each_get_their_own_bytes()
    {
        var path = Path.Combine(_directory.Path, "file");
        var data = TestData.Bytes(1 << 20, 7);
        await File.WriteAllBytesAsync(path, data);
        using var file = File.OpenHandle(path);

        var reads = Enumerable.Range(0, 200).Select(async i =>
        {
            var offset = i * 4001L;
            var buffer = new byte[3000 + i];
            var read = await DiskReaders.Shared.ReadAsync(file, buffer, offset);
            return (Offset: offset, Read: read, Buffer: buffer);
        });

        foreach (var (offset, read, buffer) in await Task.WhenAll(reads))
        {
            Assert.Equal(buffer.Length, read);
            Assert.Equal(data.AsSpan((int)offset, read).ToArray(), buffer);
        }
    }

    [Fact]
    public async Task A_failed_read_fails_its_task_and_the_readers_keep_serving()
    {
        var path = Path.Combine(_directory.Path, "file");
        await File.WriteAllBytesAsync(path, TestData.Bytes(100, 1));
        var closed = File.OpenHandle(path);
        closed.Dispose();
        using var open = File.OpenHandle(path);

        await Assert.ThrowsAsync<ObjectDisposedException>(() => DiskReaders.Shared.ReadAsync(closed, new byte[10], 0));
        Assert.Equal(10, await DiskReaders.Shared.ReadAsync(open, new byte[10], 0));
        Assert.Equal(0, await DiskReaders.Shared.ReadAsync(open, new byte[10], 100)); // at the end of the file
    }
}
