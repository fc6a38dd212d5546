using Haystack.Cluster.Tests.Harness;

namespace Haystack.Cluster.Tests.Scenarios;

/// <summary>A HaystackCluster applied to an empty cluster becomes a working photo store.</summary>
public sealed class NewClusterTests
{
    [Fact]
    public async Task A_new_cluster_reports_ready_takes_an_upload_through_the_directory_service_and_serves_it_back_byte_identical()
    {
        await using var cluster = await ClusterHarness.StartAsync(ClusterHarness.SmallSpec());

        await cluster.WaitForReadyAsync();
        var photo = PhotoBytes.Make(1, 200_000);
        var uploaded = await cluster.Photos.UploadAsync(photo, "image/jpeg");
        var read = await cluster.Photos.GetFromReplicasAsync(uploaded.Id);

        Assert.Equal(photo, read.Data);
        Assert.Equal("image/jpeg", read.ContentType);
        var volumes = await cluster.ListVolumesAsync();
        Assert.Contains(volumes, volume => volume.Spec.Id == uploaded.Volume && volume.Status?.Phase == Haystack.Operator.Entities.VolumePhase.Writable);
        var placed = volumes.Single(volume => volume.Spec.Id == uploaded.Volume).Status!.Placements!;
        Assert.Equal(3, placed.Select(placement => placement.Node).Distinct().Count());
    }
}
