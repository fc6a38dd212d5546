using Haystack.Operator.Controller;
using Haystack.Operator.Entities;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Haystack.Operator.Tests.Volumes;

/// <summary>The controller follows Volume changes. Waits are bounded liveness checks, never timing assertions.</summary>
public sealed class VolumeWatchTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_volume_a_directory_turns_read_only_gets_its_replacement_through_the_volume_watch_alone()
    {
        await using var fleet = await StorePodFleet.StartAsync(["node-a", "node-b", "node-c"]);
        // No requeue-after ever fires on this clock: only watch events bring the cluster back.
        var controller = new HaystackClusterController(fleet.Client, fleet.Reconciler, new FakeTimeProvider(), fleet.Api.Loggers.CreateLogger<HaystackClusterController>())
        {
            Namespace = StorePodFleet.Namespace,
        };
        using var stop = new CancellationTokenSource();
        var running = controller.RunAsync(stop.Token);
        await WaitForAsync(fleet, volumes => volumes.Count(v => v.Status?.Phase == VolumePhase.Writable) == 2);

        await fleet.Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync<V1Alpha1HaystackVolume>(
            new V1Patch("""{"status":{"phase":"ReadOnly"}}""", V1Patch.PatchType.MergePatch),
            HaystackApi.Group, HaystackApi.Version, StorePodFleet.Namespace, HaystackResourceKinds.Volumes.Plural, "photos-1");

        await WaitForAsync(fleet, volumes => volumes.Any(v => v.Spec.Id == 3 && v.Status?.Phase == VolumePhase.Writable));
        await stop.CancelAsync();
        await running;
    }

    private static async Task WaitForAsync(StorePodFleet fleet, Func<List<V1Alpha1HaystackVolume>, bool> done)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (!done(await fleet.VolumesAsync()))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), patience.Token);
        }
    }
}
