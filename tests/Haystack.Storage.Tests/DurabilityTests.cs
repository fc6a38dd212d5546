using Haystack.Testing;

namespace Haystack.Storage.Tests;

/// <summary>
/// With the data file's fdatasync held by the test: nothing is acknowledged or served before the flush
/// covering it returns, and a failed flush fails the write and withholds the needle for good.
/// </summary>
public sealed class DurabilityTests : IDisposable
{
    private static readonly VolumeId VolumeId = new(3);
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);
    private readonly TemporaryDirectory _directory = new();
    private readonly HeldFlush _flush = new();

    public void Dispose()
    {
        _flush.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task A_write_and_a_delete_return_only_after_the_fdatasync_covering_them()
    {
        await using var volume = Open();
        await volume.WriteAsync(new NeedleId(1, 0), 7, TestData.Bytes(100, 1));

        _flush.Hold();
        var write = volume.WriteAsync(new NeedleId(2, 0), 7, TestData.Bytes(100, 2)).AsTask();
        var delete = volume.DeleteAsync(new NeedleId(1, 0)).AsTask();
        await _flush.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.WhenAny(write, delete, Task.Delay(Settle));
        var completedWhileHeld = (write.IsCompleted, delete.IsCompleted);
        _flush.Release();

        Assert.Equal((false, false), completedWhileHeld);
        await write;
        Assert.True(await delete);
    }

    [Fact]
    public async Task A_read_of_a_needle_being_written_waits_for_its_fdatasync()
    {
        await using var volume = Open();
        var data = TestData.Bytes(5_000, 3);

        _flush.Hold();
        var write = volume.WriteAsync(new NeedleId(9, 0), 7, data).AsTask();
        await _flush.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        var read = volume.ReadAsync(new NeedleId(9, 0), 7).AsTask();
        await Task.WhenAny(read, Task.Delay(Settle));
        var readCompletedWhileHeld = read.IsCompleted;
        _flush.Release();

        Assert.False(readCompletedWhileHeld, "the needle was served before any fdatasync covered it");
        await write;
        using var needle = await read;
        Assert.Equal(data, needle!.Data.ToArray());
    }

    [Fact]
    public async Task A_durable_needle_is_read_while_a_later_flush_is_held()
    {
        await using var volume = Open();
        var data = TestData.Bytes(5_000, 4);
        await volume.WriteAsync(new NeedleId(1, 0), 7, data);

        _flush.Hold();
        var write = volume.WriteAsync(new NeedleId(2, 0), 7, TestData.Bytes(100, 5)).AsTask();
        await _flush.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        var read = volume.ReadAsync(new NeedleId(1, 0), 7).AsTask();
        await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(10)));
        var readCompletedWhileHeld = read.IsCompleted;
        _flush.Release();
        await write;

        Assert.True(readCompletedWhileHeld, "a needle already durable waited for a flush it does not need");
        using var needle = await read;
        Assert.Equal(data, needle!.Data.ToArray());
    }

    [Fact]
    public async Task A_failed_fdatasync_fails_the_write_and_its_needle_is_never_served()
    {
        await using var volume = Open();
        var durable = TestData.Bytes(100, 6);
        await volume.WriteAsync(new NeedleId(1, 0), 7, durable);
        var disk = new IOException("fdatasync: Input/output error (EIO)");

        _flush.Hold();
        var write = volume.WriteAsync(new NeedleId(2, 0), 7, TestData.Bytes(100, 7)).AsTask();
        await _flush.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        var readDuringFlush = volume.ReadAsync(new NeedleId(2, 0), 7).AsTask();
        _flush.Fail(disk);

        Assert.Same(disk, await Assert.ThrowsAsync<IOException>(() => write));
        await Assert.ThrowsAsync<VolumeClosedException>(() => readDuringFlush);
        await Assert.ThrowsAsync<VolumeClosedException>(async () => await volume.ReadAsync(new NeedleId(2, 0), 7));
        using var earlier = await volume.ReadAsync(new NeedleId(1, 0), 7);
        Assert.Equal(durable, earlier!.Data.ToArray());
    }

    private Volume Open() => Volume.Create(_directory.Path, VolumeId, TestData.SmallOptions with { DataSync = _flush.Sync });
}
