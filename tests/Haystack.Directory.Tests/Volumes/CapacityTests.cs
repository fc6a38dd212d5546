using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Haystack.Directory.Tests.Support;
using Haystack.Directory.Volumes;

namespace Haystack.Directory.Tests.Volumes;

public sealed class CapacityTests
{
    [Fact]
    public async Task An_empty_table_gets_the_configured_writable_volumes_on_distinct_stores()
    {
        await using var stores = await StoreGroup.StartAsync(3);
        await using var directory = await TestDirectory.StartAsync(stores.All, o => o with { Replication = 2, WritableVolumes = 3 });

        var volumes = directory.Server.Table.List();

        Assert.Equal([1u, 2u, 3u], volumes.Select(v => v.Id));
        Assert.All(volumes, v => Assert.Equal(VolumeState.Writable, v.State));
        Assert.All(volumes, v => Assert.Equal(2, v.Replicas.Distinct().Count()));
        // Six replicas over three stores: the least loaded store is chosen each time, so two each.
        Assert.All(stores.All, s => Assert.Equal(2, volumes.Count(v => v.Replicas.Contains(s.Url))));
        foreach (var volume in volumes)
        {
            foreach (var replica in volume.Replicas)
            {
                using var status = await stores.All.Single(s => s.Url == replica).Http.GetAsync(new Uri(replica, $"volumes/{volume.Id}"));
                Assert.Equal(HttpStatusCode.OK, status.StatusCode);
            }
        }
    }

    [Fact]
    public async Task A_volume_that_reaches_the_threshold_turns_read_only_everywhere_and_a_new_one_is_created()
    {
        await using var stores = await StoreGroup.StartAsync(2, volumeSizeLimitBytes: 256 * 1024);
        await using var directory = await TestDirectory.StartAsync(stores.All,
            o => o with { Replication = 2, WritableVolumes = 1, ReadOnlyThreshold = 0.5 });
        Assert.Equal(256 * 1024, directory.Volume(1).SizeLimitBytes);

        var first = await directory.UploadOkAsync(Bytes.Photo(100 * 1024, 40));
        Assert.Equal(VolumeState.Writable, directory.Volume(1).State);
        var second = await directory.UploadOkAsync(Bytes.Photo(100 * 1024, 41));

        Assert.Equal(1u, first.GetProperty("volume").GetUInt32());
        Assert.Equal(1u, second.GetProperty("volume").GetUInt32());
        Assert.Equal(VolumeState.ReadOnly, directory.Volume(1).State);
        Assert.Contains("threshold 50%", directory.Volume(1).Reason);
        foreach (var store in stores.All)
        {
            var status = await store.Http.GetFromJsonAsync<JsonElement>(new Uri(store.Url, "volumes/1"));
            Assert.True(status.GetProperty("read_only").GetBoolean());
        }

        await directory.ProbeAsync();
        Assert.Equal(VolumeState.Writable, directory.Volume(2).State);
        var third = await directory.UploadOkAsync(Bytes.Photo(1024, 42));
        Assert.Equal(2u, third.GetProperty("volume").GetUInt32());
        // Deletes still work on the read-only volume.
        using var delete = await directory.Http.DeleteAsync($"/{first.GetProperty("id").GetString()}");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
    }

    [Fact]
    public async Task An_administrator_marks_a_volume_read_only_and_the_next_round_replaces_its_capacity()
    {
        await using var stores = await StoreGroup.StartAsync(2);
        await using var directory = await TestDirectory.StartAsync(stores.All, o => o with { Replication = 1, WritableVolumes = 2 });

        using var response = await directory.Http.PostAsync("/volumes/1/readonly", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("readonly", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        await directory.ProbeAsync();
        var table = (await directory.GetJsonAsync("/volumes")).GetProperty("volumes").EnumerateArray().ToArray();
        Assert.Equal(["readonly", "writable", "writable"], table.Select(v => v.GetProperty("state").GetString()));
        Assert.Equal(1, table[0].GetProperty("replicas").GetArrayLength());
        using var unknown = await directory.Http.PostAsync("/volumes/77/readonly", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Without_enough_stores_up_no_volume_is_created_and_uploads_get_503()
    {
        await using var stores = await StoreGroup.StartAsync(2);
        await stores[1].StopAsync();
        await using var directory = await TestDirectory.StartAsync(stores.All, o => o with { Replication = 2 });

        using var response = await directory.UploadAsync(Bytes.Photo(100, 43));

        Assert.Empty(directory.Server.Table.List());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("table is empty", await response.Content.ReadAsStringAsync());
    }
}
