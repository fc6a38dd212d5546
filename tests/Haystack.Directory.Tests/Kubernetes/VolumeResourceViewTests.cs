using Haystack.Directory.Kubernetes;
using Haystack.Directory.Volumes;

namespace Haystack.Directory.Tests.Kubernetes;

/// <summary>How the operator's replica states reach the table: only healthy replicas serve.</summary>
public sealed class VolumeResourceViewTests
{
    private static readonly KubernetesTableOptions Options = new("photos", "haystack");

    private static VolumeResource Volume(string phase, params (string Pod, string State)[] placements) => new()
    {
        Spec = new VolumeResourceSpec { ClusterName = "photos", Id = 7, Replicas = 3, SizeLimitBytes = 1 << 30 },
        Status = new VolumeResourceStatus
        {
            Phase = phase,
            Placements = [.. placements.Select(p => new VolumeResourcePlacement { Pod = p.Pod, State = p.State })],
        },
    };

    [Fact]
    public void A_replica_being_rebuilt_is_not_handed_out_and_the_volume_takes_no_uploads()
    {
        var volume = VolumeResourceView.ToLogicalVolume(
            Volume("Rebuilding", ("photos-store-0", "Healthy"), ("photos-store-2", "Healthy"), ("photos-store-3", "Rebuilding")), Options);

        Assert.Equal(["photos-store-0", "photos-store-2"], volume.Replicas.Select(r => r.Host.Split('.')[0]));
        Assert.Equal(VolumeState.Degraded, volume.State);
        Assert.True(volume.NeedsRepair);
    }

    [Fact]
    public void A_missing_replica_is_not_handed_out_even_when_the_phase_says_writable()
    {
        var volume = VolumeResourceView.ToLogicalVolume(
            Volume("Writable", ("photos-store-0", "Healthy"), ("photos-store-1", "Missing"), ("photos-store-2", "Healthy")), Options);

        Assert.Equal(2, volume.Replicas.Count);
        Assert.NotEqual(VolumeState.Writable, volume.State);
        Assert.Contains("2 of 3 replicas placed and healthy", volume.Reason);
    }

    [Fact]
    public void With_the_https_store_scheme_the_replicas_are_the_pods_https_urls()
    {
        var volume = VolumeResourceView.ToLogicalVolume(
            Volume("Writable", ("photos-store-0", "Healthy"), ("photos-store-1", "Healthy"), ("photos-store-2", "Healthy")), Options with { StoreScheme = "https" });

        Assert.Equal(new Uri("https://photos-store-1.photos-store.haystack.svc:8080/"), volume.Replicas[1]);
        Assert.All(volume.Replicas, replica => Assert.Equal(Uri.UriSchemeHttps, replica.Scheme));
    }

    [Fact]
    public void Three_healthy_replicas_of_a_writable_volume_all_serve()
    {
        var volume = VolumeResourceView.ToLogicalVolume(
            Volume("Writable", ("photos-store-0", "Healthy"), ("photos-store-1", "Healthy"), ("photos-store-2", "Healthy")), Options);

        Assert.Equal(3, volume.Replicas.Count);
        Assert.Equal(VolumeState.Writable, volume.State);
    }

    [Fact]
    public void A_lost_volume_says_so_and_takes_no_uploads()
    {
        var volume = VolumeResourceView.ToLogicalVolume(
            Volume("Lost", ("photos-store-0", "Missing"), ("photos-store-1", "Missing"), ("photos-store-2", "Missing")), Options);

        Assert.Empty(volume.Replicas);
        Assert.NotEqual(VolumeState.Writable, volume.State);
        Assert.Contains("every replica lost", volume.Reason);
    }
}
