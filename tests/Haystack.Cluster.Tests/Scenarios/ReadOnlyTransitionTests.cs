using Haystack.Cluster.Tests.Harness;
using Haystack.Operator.Entities;

namespace Haystack.Cluster.Tests.Scenarios;

/// <summary>Volumes fill up: the operator turns a full one ReadOnly and creates a new one to keep the writable count.</summary>
public sealed class ReadOnlyTransitionTests
{
    private const int PhotoBytes = 1 << 20;

    [Fact]
    public async Task A_filled_volume_goes_read_only_and_a_new_writable_volume_appears_while_uploads_go_on()
    {
        var spec = ClusterHarness.SmallSpec();
        spec.Volume.WritableVolumes = 1;
        await using var cluster = await ClusterHarness.StartAsync(spec);
        await cluster.WaitForReadyAsync();
        var first = (await cluster.ListVolumesAsync()).Single();

        // 64 photos of 1 MiB cannot all fit in one 64 MiB volume: the operator must turn it ReadOnly (at 95%) and
        // place another, and the uploads that go on land there.
        var uploaded = new List<(Haystack.Client.UploadedPhoto Photo, int Index)>();
        for (var i = 0; i < 64; i++)
        {
            uploaded.Add((await cluster.Photos.UploadAsync(Harness.PhotoBytes.Make(i, PhotoBytes), "image/jpeg"), i));
        }
        await cluster.EventuallyAsync(async () => (await cluster.ListVolumesAsync()).Any(v => v.Spec.Id == first.Spec.Id && v.Status?.Phase == VolumePhase.ReadOnly),
            $"volume {first.Spec.Id} is ReadOnly");
        await cluster.EventuallyAsync(async () => (await cluster.ListVolumesAsync()).Any(v => v.Spec.Id != first.Spec.Id && v.Status?.Phase == VolumePhase.Writable),
            "a new Writable volume exists");

        var after = await cluster.Photos.UploadAsync(Harness.PhotoBytes.Make(100, PhotoBytes), "image/jpeg");
        Assert.NotEqual(first.Spec.Id, after.Volume);
        Assert.Contains(uploaded, photo => photo.Photo.Volume == first.Spec.Id);
        foreach (var (photo, index) in uploaded.Append((after, 100)))
        {
            Assert.Equal(Harness.PhotoBytes.Make(index, PhotoBytes), (await cluster.Photos.GetFromReplicasAsync(photo.Id)).Data);
        }
    }
}
