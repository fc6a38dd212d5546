using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Haystack.Directory.Tests.Support;
using Haystack.Directory.Volumes;

namespace Haystack.Directory.Tests.Http;

public sealed class ReportTests
{
    [Fact]
    public async Task A_corrupt_replica_report_degrades_the_volume_until_repaired_and_reads_keep_working()
    {
        await using var stores = await StoreGroup.StartAsync(2);
        await using var directory = await TestDirectory.StartAsync(stores.All, o => o with { WritableVolumes = 1 });
        var photo = Bytes.Photo(800, 50);
        var id = (await directory.UploadOkAsync(photo)).GetProperty("id").GetString()!;

        var state = await ReportAsync(directory, id, stores[1].Url.GetLeftPart(UriPartial.Authority), "corrupt");

        Assert.Equal("degraded", state);
        Assert.True(directory.Volume(1).NeedsRepair);
        Assert.Contains("corrupt", directory.Volume(1).Reason);
        await directory.ProbeAsync();
        Assert.Equal(VolumeState.Degraded, directory.Volume(1).State);
        // Writes went to a new volume; the photo on the degraded one is still looked up and read.
        var next = await directory.UploadOkAsync(Bytes.Photo(800, 51));
        Assert.Equal(2u, next.GetProperty("volume").GetUInt32());
        Assert.Equal(2, (await directory.GetJsonAsync("/dir/lookup?volume=1")).GetProperty("locations").GetArrayLength());
        Assert.Equal(photo, await stores[0].Http.GetByteArrayAsync(new Uri(stores[0].Url, id)));

        using var repaired = await directory.Http.PostAsync("/volumes/1/repaired", null);
        Assert.Equal(HttpStatusCode.OK, repaired.StatusCode);
        await directory.ProbeAsync();
        Assert.Equal(VolumeState.Writable, directory.Volume(1).State);
    }

    [Fact]
    public async Task An_unreachable_replica_report_degrades_the_volume_until_a_probe_reaches_every_replica()
    {
        await using var stores = await StoreGroup.StartAsync(2);
        await using var directory = await TestDirectory.StartAsync(stores.All, o => o with { WritableVolumes = 1 });
        var id = (await directory.UploadOkAsync(Bytes.Photo(800, 52))).GetProperty("id").GetString()!;

        Assert.Equal("degraded", await ReportAsync(directory, id, stores[0].Url.ToString(), "unreachable"));
        Assert.False(directory.Volume(1).NeedsRepair);

        await directory.ProbeAsync();
        Assert.Equal(VolumeState.Writable, directory.Volume(1).State);
        Assert.Equal(1, (await directory.GetJsonAsync("/stats")).GetProperty("reports").GetInt64());
    }

    private static async Task<string> ReportAsync(TestDirectory directory, string id, string store, string problem)
    {
        using var response = await directory.Http.PostAsJsonAsync("/dir/report", new { id, store, problem });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString()!;
    }
}
