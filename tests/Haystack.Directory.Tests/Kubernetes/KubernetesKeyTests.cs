using Haystack.Directory.Kubernetes;
using Haystack.Directory.Tests.Support;
using Haystack.Directory.Volumes;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Haystack.Directory.Tests.Kubernetes;

public sealed class KubernetesKeyTests
{
    [Fact]
    public async Task Ten_thousand_keys_drawn_across_two_directories_at_once_are_distinct_and_a_restart_continues_above_them()
    {
        await using var cluster = await FakeCluster.StartAsync(1, 1);
        await cluster.CreateVolumeAsync(1, "Writable", 0);
        var a = await cluster.StartDirectoryAsync();
        await using var b = await cluster.StartDirectoryAsync();

        var drawn = await Task.WhenAll(Enumerable.Range(0, 10_000).Select(i => Task.Run(() => (i % 2 == 0 ? a : b).Server.Keys.NextKeyAsync(CancellationToken.None))));

        Assert.Equal(10_000, drawn.Distinct().Count());
        Assert.True(a.Server.Keys.Issued > 0 && b.Server.Keys.Issued > 0, "both directories handed out keys");
        await a.DisposeAsync();
        await using var restarted = await cluster.StartDirectoryAsync();
        Assert.True(await restarted.Server.Keys.NextKeyAsync(CancellationToken.None) > drawn.Max());
        var keys = await cluster.Client.CoreV1.ReadNamespacedConfigMapAsync($"{FakeCluster.Name}-photo-keys", FakeCluster.Namespace);
        Assert.Equal(FakeCluster.Name, Assert.Single(keys.Metadata.OwnerReferences).Name);
    }

    [Fact]
    public async Task A_reservation_that_loses_a_race_on_the_key_object_reads_again_and_takes_the_next_block()
    {
        await using var cluster = await FakeCluster.StartAsync(1);
        var other = new KubernetesPhotoKeys(cluster.Client, FakeCluster.TableOptions, NullLogger<KubernetesPhotoKeys>.Instance);
        var first = await other.ReserveAsync(100, CancellationToken.None);
        var racing = new BeforeFirstWrite($"/configmaps/{FakeCluster.TableOptions.KeyObjectName}", async () => await other.ReserveAsync(100, CancellationToken.None));
        using var client = new k8s.Kubernetes(cluster.Api.ClientConfiguration, racing);
        var keys = new KubernetesPhotoKeys(client, FakeCluster.TableOptions, NullLogger<KubernetesPhotoKeys>.Instance);

        var block = await keys.ReserveAsync(100, CancellationToken.None);

        Assert.True(racing.Fired);
        Assert.Equal(new KeyBlock(1, 101), first);
        Assert.Equal(new KeyBlock(201, 301), block);
        Assert.Contains(cluster.Api.Requests, r => r.Method == "PATCH" && r.Path.EndsWith(FakeCluster.TableOptions.KeyObjectName, StringComparison.Ordinal) && r.StatusCode == 409);
        Assert.Equal(new KeyBlock(301, 302), await other.ReserveAsync(1, CancellationToken.None));
    }

    [Fact]
    public async Task A_damaged_key_object_stops_key_reservations_with_a_message_naming_it()
    {
        await using var cluster = await FakeCluster.StartAsync(1);
        var keys = new KubernetesPhotoKeys(cluster.Client, FakeCluster.TableOptions, NullLogger<KubernetesPhotoKeys>.Instance);
        await keys.ReserveAsync(10, CancellationToken.None);
        var stored = await cluster.Client.CoreV1.ReadNamespacedConfigMapAsync(FakeCluster.TableOptions.KeyObjectName, FakeCluster.Namespace);
        stored.Data[KubernetesPhotoKeys.NextKeyField] = "eleven";
        await cluster.Client.CoreV1.ReplaceNamespacedConfigMapAsync(stored, stored.Metadata.Name, FakeCluster.Namespace);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => keys.ReserveAsync(10, CancellationToken.None));

        Assert.Contains($"{FakeCluster.Namespace}/{FakeCluster.TableOptions.KeyObjectName}", error.Message);
        Assert.Contains("'eleven'", error.Message);
    }

    [Fact]
    public async Task A_status_write_that_loses_a_race_is_applied_again_to_the_fresh_volume()
    {
        await using var cluster = await FakeCluster.StartAsync(2, 1);
        await cluster.CreateVolumeAsync(1, "Writable", 0, 1);
        var racing = new BeforeFirstWrite($"/volumes/{FakeCluster.Name}-1/status", async () =>
        {
            var volume = await cluster.ReadVolumeAsync(1);
            volume.Status!.Bytes = 4_096;
            await cluster.Client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync(volume, "haystack.io", "v1alpha1", FakeCluster.Namespace, "volumes", volume.Metadata.Name);
        });
        using var client = new k8s.Kubernetes(cluster.Api.ClientConfiguration, racing);
        await using var directory = await cluster.StartDirectoryAsync(client);

        await directory.Server.Services.GetRequiredService<VolumeTransitions>().MarkDegradedAsync(1, "test", needsRepair: false, CancellationToken.None);

        Assert.True(racing.Fired);
        Assert.Equal("Degraded", (await cluster.ReadVolumeAsync(1)).Status?.Phase);
        // The watch brings the other writer's version and then this one, in order.
        await FakeCluster.EventuallyAsync(() => directory.Volume(1).State == VolumeState.Degraded, "the table holds the degraded volume");
        Assert.Contains(cluster.Api.Requests, r => r.Method == "PATCH" && r.Path.EndsWith("/status", StringComparison.Ordinal) && r.StatusCode == 409);
    }
}
