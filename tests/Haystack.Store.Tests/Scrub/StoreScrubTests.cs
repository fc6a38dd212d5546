using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Haystack.Store.Scrub;
using Haystack.Store.Tests.Support;
using Haystack.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Haystack.Store.Tests.Scrub;

/// <summary>The scrub of a real store, with damage staged under it while it runs, and the repair endpoints.</summary>
public sealed class StoreScrubTests
{
    private static Func<Haystack.Store.StoreOptions, Haystack.Store.StoreOptions> Scrub(long bytesPerSecond, long stepBytes = 64L << 20) =>
        options => options with { Scrub = new ScrubOptions { BytesPerSecond = bytesPerSecond, StepBytes = stepBytes } };

    private static async Task<List<(string Id, byte[] Data)>> UploadAsync(TestStore store, int count, int length = 5000)
    {
        var photos = new List<(string, byte[])>();
        for (var i = 0; i < count; i++)
        {
            var photo = ($"1,{i + 1:x}0000abcd", Bytes.Random(length, i));
            await store.PutAsync(photo.Item1, photo.Item2);
            photos.Add(photo);
        }
        return photos;
    }

    private static long OffsetOf(string dataFile, byte[] data) => LockedFile.ReadAll(dataFile).AsSpan().IndexOf(data);

    private static async Task<JsonElement> WaitForPassAsync(TestStore store, long passesBefore)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var report = await store.Http.GetFromJsonAsync<JsonElement>("/volumes/1/scrub", limit.Token);
            if (report.GetProperty("scrub").GetProperty("passes").GetInt64() > passesBefore &&
                report.GetProperty("scrub").GetProperty("pass_started").ValueKind == JsonValueKind.Null)
            {
                return report;
            }
            await Task.Delay(100, limit.Token);
        }
    }

    [Fact]
    public async Task A_pass_finds_every_needle_damaged_under_the_running_store_and_a_repair_from_a_peer_clears_it()
    {
        await using var damaged = await TestStore.StartAsync(configure: Scrub(64L << 20));
        await using var healthy = await TestStore.StartAsync(configure: Scrub(0));
        var photos = await UploadAsync(damaged, 12);
        foreach (var (id, data) in photos)
        {
            await healthy.PutAsync(id, data);
        }
        var before = (await WaitForPassAsync(damaged, 0)).GetProperty("scrub").GetProperty("passes").GetInt64();
        using var findings = new CounterListener(damaged.Server.Services.GetRequiredService<IMeterFactory>(), "haystack.store.scrub.findings");
        using var repairs = new CounterListener(damaged.Server.Services.GetRequiredService<IMeterFactory>(), "haystack.store.scrub.repairs");
        int[] victims = [1, 5, 9];
        foreach (var victim in victims)
        {
            LockedFile.FlipByte(damaged.DataFile(1), OffsetOf(damaged.DataFile(1), photos[victim].Data) + 1000);
        }

        using var request = await damaged.Http.PostAsync("/volumes/1/scrub", null);
        Assert.Equal(HttpStatusCode.Accepted, request.StatusCode);
        var report = await WaitForPassAsync(damaged, before);

        var found = report.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("key").GetUInt64()).Order().ToArray();
        Assert.Equal(victims.Select(v => (ulong)v + 1), found);
        Assert.All(report.GetProperty("findings").EnumerateArray(), f => Assert.Contains("checksum", f.GetProperty("problem").GetString()));
        Assert.Equal(3, findings.TotalWhere("kind", "corrupt"));
        var volume = await damaged.Http.GetFromJsonAsync<JsonElement>("/volumes/1");
        Assert.Equal(3, volume.GetProperty("scrub").GetProperty("open_findings").GetInt32());
        var stats = await StoreStatsReader.ReadAsync(damaged.Http);
        Assert.Equal(3, stats.GetProperty("scrub").GetProperty("open_findings").GetInt32());

        foreach (var victim in victims)
        {
            var path = $"/volumes/1/needles/{victim + 1}/0";
            var copy = await healthy.Http.GetByteArrayAsync(path);
            using var repair = await damaged.Http.PutAsync(path, new ByteArrayContent(copy));
            Assert.Equal(HttpStatusCode.OK, repair.StatusCode);
            Assert.Equal("rewritten", (await repair.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        }

        foreach (var (id, data) in photos)
        {
            Assert.Equal(data, await damaged.Http.GetByteArrayAsync($"/{id}"));
        }
        var after = await damaged.Http.GetFromJsonAsync<JsonElement>("/volumes/1/scrub");
        Assert.Empty(after.GetProperty("findings").EnumerateArray());
        Assert.Equal(3, after.GetProperty("scrub").GetProperty("repairs").GetInt64());
        Assert.Equal(3, repairs.TotalWhere("outcome", "rewritten"));
    }

    [Fact]
    public async Task A_read_that_meets_a_damaged_needle_lists_it_before_any_scrub_does()
    {
        await using var store = await TestStore.StartAsync(configure: Scrub(0));
        var photos = await UploadAsync(store, 2);
        LockedFile.FlipByte(store.DataFile(1), OffsetOf(store.DataFile(1), photos[1].Data) + 10);

        using var read = await store.Http.GetAsync($"/{photos[1].Id}");

        Assert.Equal(HttpStatusCode.InternalServerError, read.StatusCode);
        var report = await store.Http.GetFromJsonAsync<JsonElement>("/volumes/1/scrub");
        Assert.Equal(2UL, Assert.Single(report.GetProperty("findings").EnumerateArray()).GetProperty("key").GetUInt64());
    }

    [Fact]
    public async Task A_repair_copy_that_fails_its_checks_is_refused_with_400_and_nothing_is_written()
    {
        await using var store = await TestStore.StartAsync(configure: Scrub(0));
        await UploadAsync(store, 1);
        var copy = await store.Http.GetByteArrayAsync("/volumes/1/needles/1/0");
        copy[200] ^= 1;

        using var repair = await store.Http.PutAsync("/volumes/1/needles/1/0", new ByteArrayContent(copy));
        var error = await HttpAssert.ErrorAsync(repair, HttpStatusCode.BadRequest);
        Assert.Contains("nothing was written", error);
        using var unknown = await store.Http.GetAsync("/volumes/1/needles/99/0");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var malformed = await store.Http.GetAsync("/volumes/1/needles/x/0");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task A_pass_cut_by_a_restart_resumes_from_its_checkpoint()
    {
        const int Photos = 24;
        await using var store = await TestStore.StartAsync(configure: Scrub(0, stepBytes: 1L << 20));
        await UploadAsync(store, Photos, length: 200_000);
        var scrubber = store.Server.Services.GetRequiredService<StoreScrubber>();
        // 1 MiB steps at 2 MiB/s: stop once the first checkpoint is saved, long before the pass over ~4.6 MiB ends.
        scrubber.Pacer.SetRate(2L << 20);
        var paths = new Haystack.Storage.VolumePaths(store.DataDirectory, new Haystack.Storage.VolumeId(1));
        (await store.Http.PostAsync("/volumes/1/scrub", null)).EnsureSuccessStatusCode();
        using (var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (Haystack.Storage.ScrubCheckpoint.Load(paths) is not { PassStarted: not null, Offset: > 0 })
            {
                await Task.Delay(20, limit.Token);
            }
        }
        var checkedBefore = scrubber.NeedlesChecked;
        await store.StopAsync();
        var saved = Haystack.Storage.ScrubCheckpoint.Load(paths)!;
        Assert.NotNull(saved.PassStarted);

        await store.RestartAsync();
        // Restarted at the configured rate of 0 (paused): resume it through the admin endpoint.
        (await store.Http.PostAsync("/scrub/rate?bytes_per_second=67108864", null)).EnsureSuccessStatusCode();
        var report = await WaitForPassAsync(store, saved.Passes);

        var checkedAfter = store.Server.Services.GetRequiredService<StoreScrubber>().NeedlesChecked;
        Assert.Equal(saved.Passes + 1, report.GetProperty("scrub").GetProperty("passes").GetInt64());
        Assert.InRange(checkedBefore, 1, Photos - 1);
        Assert.Equal(Photos, checkedBefore + checkedAfter);
    }
}
