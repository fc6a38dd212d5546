using Haystack.Storage;
using Haystack.Store.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Haystack.Store.Tests;

public sealed class VolumeSetTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("haystack-volumeset-test-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private StoreOptions Options(params uint[] create) => new() { DataDirectory = _directory, VolumesToCreate = create };

    private void CreateOnDisk(params uint[] ids)
    {
        foreach (var id in ids)
        {
            Volume.Create(_directory, new VolumeId(id)).Dispose();
        }
    }

    [Fact]
    public async Task Volumes_open_in_parallel_at_start_up()
    {
        CreateOnDisk(1, 2, 3, 4);
        using var allOpening = new CountdownEvent(4);
        Volume OpenWhenAllAreOpening(string path, VolumeId id, VolumeOptions options)
        {
            allOpening.Signal();
            // Sequential opens would never get here together; the bound only keeps that failure from hanging.
            if (!allOpening.Wait(TimeSpan.FromSeconds(30)))
            {
                throw new TimeoutException($"Volume {id} opened alone: volumes are not loaded in parallel.");
            }
            return Volume.Open(path, id, options);
        }

        await using var volumes = new VolumeSet(Options(), NullLogger<VolumeSet>.Instance, OpenWhenAllAreOpening);
        await volumes.LoadAsync(CancellationToken.None);

        Assert.True(volumes.IsLoaded);
        Assert.Equal([1u, 2u, 3u, 4u], volumes.List().Select(v => v.Id.Value));
    }

    [Fact]
    public async Task Before_loading_a_volume_is_unavailable_and_after_it_is_served_or_not_found()
    {
        CreateOnDisk(1);
        await using var volumes = new VolumeSet(Options(), NullLogger<VolumeSet>.Instance);

        var early = Assert.Throws<StoreException>(() => volumes.Get(1));
        await volumes.LoadAsync(CancellationToken.None);
        var unknown = Assert.Throws<StoreException>(() => volumes.Get(2));

        Assert.Equal(StoreFailure.Unavailable, early.Failure);
        Assert.Contains("still opening", early.Message);
        Assert.Equal(1u, volumes.Get(1).Id.Value);
        Assert.Equal(StoreFailure.VolumeNotFound, unknown.Failure);
    }

    [Fact]
    public async Task A_volume_that_cannot_be_opened_is_reported_and_the_others_are_served()
    {
        CreateOnDisk(1);
        await File.WriteAllTextAsync(Path.Combine(_directory, "9.dat"), "not a volume");
        await File.WriteAllTextAsync(Path.Combine(_directory, "notes.dat"), "ignored: not a volume id");
        await using var volumes = new VolumeSet(Options(), NullLogger<VolumeSet>.Instance);

        await volumes.LoadAsync(CancellationToken.None);

        Assert.True(volumes.IsLoaded);
        Assert.Equal([1u], volumes.List().Select(v => v.Id.Value));
        Assert.Contains("9.dat", volumes.FailedVolumes[9]);
        var error = Assert.Throws<StoreException>(() => volumes.Get(9));
        Assert.Equal(StoreFailure.Unavailable, error.Failure);
        Assert.Equal(StoreFailure.VolumeExists, (await Assert.ThrowsAsync<StoreException>(() => volumes.CreateAsync(9, 1, CancellationToken.None))).Failure);
    }

    [Fact]
    public async Task Volumes_to_create_are_created_once_and_existing_ones_are_kept()
    {
        await using (var first = new VolumeSet(Options(create: [1, 2]), NullLogger<VolumeSet>.Instance))
        {
            await first.LoadAsync(CancellationToken.None);
            await first.Get(1).WriteAsync(new NeedleId(5, 0), 77, new byte[] { 1, 2, 3 });
        }

        await using var second = new VolumeSet(Options(create: [1, 2, 3]), NullLogger<VolumeSet>.Instance);
        await second.LoadAsync(CancellationToken.None);

        Assert.Equal([1u, 2u, 3u], second.List().Select(v => v.Id.Value));
        var kept = await second.Get(1).ReadAsync(new NeedleId(5, 0), 77);
        Assert.Equal([1, 2, 3], kept!.Data.ToArray());
    }

    [Fact]
    public async Task Creating_refuses_a_zero_replica_count()
    {
        await using var volumes = new VolumeSet(Options(), NullLogger<VolumeSet>.Instance);
        await volumes.LoadAsync(CancellationToken.None);

        var error = await Assert.ThrowsAsync<StoreException>(() => volumes.CreateAsync(4, 0, CancellationToken.None));

        Assert.Equal(StoreFailure.InvalidArgument, error.Failure);
        Assert.False(Volume.Exists(_directory, new VolumeId(4)));
    }
}
