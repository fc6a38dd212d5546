using System.Globalization;
using Haystack.Operator.Api;
using Haystack.Operator.Entities;
using k8s;
using k8s.Models;

namespace Haystack.Operator.Tests.Volumes;

/// <summary>A volume that fills up turns ReadOnly everywhere, and a new Writable Volume takes its place.</summary>
public sealed class ReadOnlyTransitionTests
{
    private const int NeedleBytes = 1 << 20;

    [Fact]
    public async Task A_volume_filled_past_the_clusters_threshold_turns_read_only_on_its_stores_and_a_new_writable_volume_appears()
    {
        await using var fleet = await StorePodFleet.StartAsync(["node-a", "node-b", "node-c"], edit: c => c.Spec.ReadOnlyThreshold = 0.5);
        await fleet.ReconcileAsync();
        var full = (await fleet.VolumesAsync())[0];
        Assert.Equal(VolumePhase.Writable, full.Status!.Phase);

        // Half of the 64 MiB limit and one needle more, on every replica, as uploads through the directory write them.
        using var http = new HttpClient();
        for (var key = 1; key <= 33; key++)
        {
            for (var store = 0; store < 3; store++)
            {
                var photo = string.Create(CultureInfo.InvariantCulture, $"{full.Spec.Id},{key:x}0000beef");
                using var response = await http.PutAsync(new Uri(fleet.StoreAddress(store), photo), new ByteArrayContent(new byte[NeedleBytes]));
                Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
            }
        }

        await fleet.ReconcileAsync();

        var volumes = await fleet.VolumesAsync();
        var readOnly = volumes.Single(v => v.Spec.Id == full.Spec.Id);
        Assert.Equal(VolumePhase.ReadOnly, readOnly.Status!.Phase);
        Assert.True(readOnly.Status.Bytes > 32L << 20);
        Assert.Equal(33, readOnly.Status.Needles);
        for (var store = 0; store < 3; store++)
        {
            var report = await fleet.Calls.ReportAsync(StorePodFleet.PodUrl(store), CancellationToken.None);
            Assert.True(report.Volumes.Single(v => v.VolumeId == full.Spec.Id).ReadOnly);
        }
        Assert.Equal([2L, 3L], volumes.Where(v => v.Status?.Phase == VolumePhase.Writable).Select(v => v.Spec.Id));
        var events = await fleet.Client.CoreV1.ListNamespacedEventAsync(StorePodFleet.Namespace);
        Assert.Contains(events.Items, e => e.Reason == "VolumeReadOnly" && e.Message.Contains("threshold 50%", StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_a_directory_marks_a_volume_read_only_the_operator_marks_its_replicas_and_replaces_it()
    {
        await using var fleet = await StorePodFleet.StartAsync(["node-a", "node-b", "node-c"]);
        await fleet.ReconcileAsync();
        var marked = (await fleet.VolumesAsync())[1];
        // The directory's write: a merge patch of the phase on the status subresource.
        await fleet.Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync<V1Alpha1HaystackVolume>(
            new V1Patch("""{"status":{"phase":"ReadOnly"}}""", V1Patch.PatchType.MergePatch),
            HaystackApi.Group, HaystackApi.Version, StorePodFleet.Namespace, HaystackResourceKinds.Volumes.Plural, marked.Metadata.Name);

        await fleet.ReconcileAsync();

        var volumes = await fleet.VolumesAsync();
        Assert.Equal([1L, 3L], volumes.Where(v => v.Status?.Phase == VolumePhase.Writable).Select(v => v.Spec.Id));
        for (var store = 0; store < 3; store++)
        {
            var report = await fleet.Calls.ReportAsync(StorePodFleet.PodUrl(store), CancellationToken.None);
            Assert.Equal([false, true, false], report.Volumes.Select(v => v.ReadOnly));
        }
    }
}
