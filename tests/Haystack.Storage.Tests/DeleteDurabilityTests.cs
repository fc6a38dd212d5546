using Haystack.Testing;

namespace Haystack.Storage.Tests;

/// <summary>
/// With the data file's fdatasync held by the test: a delete is not seen by readers before the flush covering
/// it returns (they get the photo, the previous state), and a failed flush fails the delete and the photo stays
/// readable. A delete made visible when its flag is written would fail both, since a crash then could bring back
/// a photo a reader was told is gone.
/// </summary>
public sealed class DeleteDurabilityTests : IDisposable
{
    private static readonly VolumeId VolumeId = new(4);
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly TemporaryDirectory _directory = new();
    private readonly HeldFlush _flush = new();

    public void Dispose()
    {
        _flush.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task A_photo_being_deleted_is_read_until_the_fdatasync_covering_the_delete_returns()
    {
        await using var volume = Open();
        var data = TestData.Bytes(5_000, 11);
        await volume.WriteAsync(new NeedleId(1, 0), 7, data);

        _flush.Hold();
        var delete = volume.DeleteAsync(new NeedleId(1, 0)).AsTask();
        await _flush.Entered.WaitAsync(Patience);
        // Awaited after the release: a failure while the flush is held would hang the volume's disposal.
        var read = volume.ReadAsync(new NeedleId(1, 0), 7).AsTask();
        await Task.WhenAny(read, Task.Delay(Patience));
        await Task.WhenAny(delete, Task.Delay(Settle));
        var answeredWhileHeld = (read.IsCompleted, delete.IsCompleted);
        _flush.Release();

        Assert.Equal((true, false), answeredWhileHeld);
        var readDuringFlush = await read;
        Assert.NotNull(readDuringFlush);
        Assert.Equal(data, readDuringFlush.Data.ToArray());
        readDuringFlush.Dispose();
        Assert.True(await delete.WaitAsync(Patience));
        Assert.Null(await volume.ReadAsync(new NeedleId(1, 0), 7));
        Assert.Equal(0, volume.Stats.NeedleCount);
    }

    [Fact]
    public async Task A_second_delete_of_a_photo_waiting_for_its_flush_returns_with_the_first_and_does_not_count_twice()
    {
        await using var volume = Open();
        await volume.WriteAsync(new NeedleId(1, 0), 7, TestData.Bytes(100, 12));

        _flush.Hold();
        var first = volume.DeleteAsync(new NeedleId(1, 0)).AsTask();
        await _flush.Entered.WaitAsync(Patience);
        var second = volume.DeleteAsync(new NeedleId(1, 0)).AsTask();
        await Task.WhenAny(second, Task.Delay(Settle));
        var secondAnsweredWhileHeld = second.IsCompleted;
        _flush.Release();

        Assert.False(secondAnsweredWhileHeld, "a delete of a photo still readable returned before the flush");
        Assert.True(await first.WaitAsync(Patience));
        Assert.False(await second.WaitAsync(Patience));
        Assert.Null(await volume.ReadAsync(new NeedleId(1, 0), 7));
        Assert.Equal(1, volume.Stats.GarbageNeedleCount);
    }

    [Fact]
    public async Task A_failed_fdatasync_fails_the_delete_and_the_photo_stays_readable()
    {
        await using var volume = Open();
        var data = TestData.Bytes(5_000, 13);
        await volume.WriteAsync(new NeedleId(1, 0), 7, data);
        var disk = new IOException("fdatasync: Input/output error (EIO)");

        _flush.Hold();
        var delete = volume.DeleteAsync(new NeedleId(1, 0)).AsTask();
        await _flush.Entered.WaitAsync(Patience);
        _flush.Fail(disk);

        Assert.Same(disk, await Assert.ThrowsAsync<IOException>(() => delete.WaitAsync(Patience)));
        using var after = await volume.ReadAsync(new NeedleId(1, 0), 7);
        Assert.NotNull(after);
        Assert.Equal(data, after.Data.ToArray());
    }

    [Fact]
    public async Task A_delete_acknowledged_after_its_flush_stays_deleted_after_reopening()
    {
        var data = TestData.Bytes(5_000, 14);
        await using (var volume = Open())
        {
            await volume.WriteAsync(new NeedleId(1, 0), 7, data);
            await volume.WriteAsync(new NeedleId(2, 0), 7, data);
            Assert.True(await volume.DeleteAsync(new NeedleId(1, 0)));
        }

        await using var reopened = Volume.Open(_directory.Path, VolumeId, TestData.SmallOptions);
        Assert.Null(await reopened.ReadAsync(new NeedleId(1, 0), 7));
        using var kept = await reopened.ReadAsync(new NeedleId(2, 0), 7);
        Assert.Equal(data, kept!.Data.ToArray());
    }

    private Volume Open() => Volume.Create(_directory.Path, VolumeId, TestData.SmallOptions with { DataSync = _flush.Sync });
}
