using Haystack.Testing;

namespace Haystack.Storage.Tests;

public sealed class VolumeLimitTests : IDisposable
{
    private static readonly VolumeId VolumeId = new(3);
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_full_volume_refuses_the_write_that_would_exceed_its_limit()
    {
        var options = TestData.SmallOptions with { SizeLimitBytes = 64 + 3 * 1096 };
        await using var volume = Volume.Create(_directory.Path, VolumeId, options);
        for (var key = 1UL; key <= 3; key++)
        {
            await volume.WriteAsync(new NeedleId(key, 0), 1, TestData.Bytes(1050, (int)key));
        }

        var error = await Assert.ThrowsAsync<VolumeFullException>(() => volume.WriteAsync(new NeedleId(4, 0), 1, new byte[1]).AsTask());

        Assert.Contains("Volume 3 is full", error.Message);
        Assert.Equal(TestData.Bytes(1050, 3), (await volume.ReadAsync(new NeedleId(3, 0), 1))!.Data.ToArray());
        Assert.Equal(0, volume.Stats.FreeBytes);
    }

    [Fact]
    public void A_size_limit_above_32_GiB_is_refused_at_create()
    {
        var options = new VolumeOptions { SizeLimitBytes = 33L * 1024 * 1024 * 1024 };
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Volume.Create(_directory.Path, VolumeId, options));
        Assert.Contains("32 GiB", error.Message);
        Assert.False(Volume.Exists(_directory.Path, VolumeId));
    }

    [Fact]
    public async Task An_empty_needle_is_refused()
    {
        await using var volume = Volume.Create(_directory.Path, VolumeId, TestData.SmallOptions);
        var error = await Assert.ThrowsAsync<InvalidNeedleException>(() => volume.WriteAsync(new NeedleId(1, 0), 1, ReadOnlyMemory<byte>.Empty).AsTask());
        Assert.Contains("no data", error.Message);
        Assert.Equal(0, volume.Stats.NeedleCount);
    }

    [Fact]
    public async Task An_oversize_needle_is_refused_and_an_exactly_maximal_one_is_kept()
    {
        await using var volume = Volume.Create(_directory.Path, VolumeId, TestData.SmallOptions with { MaxNeedleDataBytes = 4096 });

        var error = await Assert.ThrowsAsync<NeedleTooLargeException>(() => volume.WriteAsync(new NeedleId(1, 0), 1, new byte[4097]).AsTask());
        await volume.WriteAsync(new NeedleId(2, 0), 1, TestData.Bytes(4096, 2));

        Assert.Equal(4096, error.MaxBytes);
        Assert.Equal(4096, (await volume.ReadAsync(new NeedleId(2, 0), 1))!.Data.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("image/jpeg\n")]
    [InlineData("bild/größe")]
    public async Task A_bad_content_type_is_refused(string contentType)
    {
        await using var volume = Volume.Create(_directory.Path, VolumeId, TestData.SmallOptions);
        await Assert.ThrowsAsync<InvalidNeedleException>(() => volume.WriteAsync(new NeedleId(1, 0), 1, new byte[1], contentType).AsTask());
    }

    [Fact]
    public async Task A_content_type_of_255_characters_fits_and_256_does_not()
    {
        await using var volume = Volume.Create(_directory.Path, VolumeId, TestData.SmallOptions);
        await volume.WriteAsync(new NeedleId(1, 0), 1, new byte[1], new string('a', 255));
        await Assert.ThrowsAsync<InvalidNeedleException>(() => volume.WriteAsync(new NeedleId(2, 0), 1, new byte[1], new string('a', 256)).AsTask());
        Assert.Equal(255, (await volume.ReadAsync(new NeedleId(1, 0), 1))!.ContentType!.Length);
    }

    [Fact]
    public async Task A_read_only_volume_refuses_writes_accepts_deletes_and_stays_read_only_after_reopen()
    {
        var volume = Volume.Create(_directory.Path, VolumeId, TestData.SmallOptions);
        await volume.WriteAsync(new NeedleId(1, 0), 1, new byte[10]);
        await volume.WriteAsync(new NeedleId(2, 0), 1, new byte[10]);
        volume.MarkReadOnly();

        await Assert.ThrowsAsync<VolumeReadOnlyException>(() => volume.WriteAsync(new NeedleId(3, 0), 1, new byte[10]).AsTask());
        Assert.True(await volume.DeleteAsync(new NeedleId(2, 0)));
        await volume.DisposeAsync();

        await using var reopened = Volume.Open(_directory.Path, VolumeId, TestData.SmallOptions);
        Assert.True(reopened.IsReadOnly);
        Assert.True(reopened.Stats.IsReadOnly);
        Assert.NotNull(await reopened.ReadAsync(new NeedleId(1, 0), 1));
        Assert.Null(await reopened.ReadAsync(new NeedleId(2, 0), 1));
    }

    [Fact]
    public void Creating_a_volume_twice_is_refused()
    {
        using (Volume.Create(_directory.Path, VolumeId, TestData.SmallOptions))
        {
        }
        var error = Assert.Throws<IOException>(() => Volume.Create(_directory.Path, VolumeId, TestData.SmallOptions));
        Assert.Contains("already exists", error.Message);
    }

    [Fact]
    public void Opening_a_missing_volume_names_the_file()
    {
        var error = Assert.Throws<FileNotFoundException>(() => Volume.Open(_directory.Path, VolumeId));
        Assert.EndsWith("3.dat", error.FileName);
    }

    [Fact]
    public async Task A_disposed_volume_refuses_work()
    {
        var volume = Volume.Create(_directory.Path, VolumeId, TestData.SmallOptions);
        await volume.DisposeAsync();
        await Assert.ThrowsAsync<VolumeClosedException>(() => volume.ReadAsync(new NeedleId(1, 0), 1).AsTask());
        await Assert.ThrowsAsync<VolumeClosedException>(() => volume.WriteAsync(new NeedleId(1, 0), 1, new byte[1]).AsTask());
    }
}
