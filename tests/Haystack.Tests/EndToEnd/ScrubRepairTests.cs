using System.Net.Http.Json;
using System.Text.Json;
using Haystack.Testing;
using Haystack.Tests.Support;

namespace Haystack.Tests.EndToEnd;

/// <summary>
/// Damage staged under one replica of a 3-replica cluster of real processes, while it runs: one scrub pass finds it,
/// the Directory repairs it from the healthy replicas (needle by needle, or the whole replica when its file was cut
/// short; the rebuild threshold is 50% here so a quarter of the needles are still repaired one by one), the repaired file passes <c>haystack verify</c>, every photo reads back from that replica alone, and readers
/// going through the cache meanwhile never see a failed read.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ScrubRepairTests : IAsyncLifetime
{
    private const string CdnHeader = "X-Haystack-Cdn";
    private LocalCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await LocalCluster.StartAsync(stores: 3, replication: 3,
        storeArguments: ["--scrub-rate", $"{64 << 20}"],
        directoryArguments: ["--probe-interval-ms", "1000", "--rebuild-threshold", "0.5"]);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Flipped_bits_in_needles_of_one_replica_are_found_by_one_pass_and_repaired_needle_by_needle()
    {
        var (volume, photos) = await UploadToOneVolumeAsync(count: 20);
        var victim = _cluster.Stores[0];
        var dataFile = DataFile(0, volume);
        var damaged = photos.Where((_, i) => i % 4 == 1).ToList();
        var random = new Random(16);
        foreach (var photo in damaged)
        {
            var at = LockedFile.ReadAll(dataFile).AsSpan().IndexOf(photo.Data);
            LockedFile.FlipByte(dataFile, at + random.Next(photo.Data.Length), (byte)(1 << random.Next(8)));
        }

        var pass = await ScrubOnceAsync(victim, volume);
        var found = pass.Findings.Select(f => f.GetProperty("key").GetUInt64()).ToHashSet();
        Assert.Equal(damaged.Count, found.Count + pass.RepairedSince);

        var load = new ReadLoad(_cluster.Http, photos, CdnHeader);
        var readers = load.RunAsync(readers: 3);
        var table = await WaitForRepairsAsync(volume, entry => entry.GetProperty("repairs").GetProperty("needles_repaired").GetInt64() >= damaged.Count);
        await load.WaitForReadsAsync(load.Completed + (photos.Count * 3));
        await load.StopAsync(readers);

        Assert.True(load.Failures.IsEmpty, $"{load.Failures.Count} failed reads of {load.Completed}: {string.Join("; ", load.Failures.Take(5))}\n{_cluster.Logs}");
        Assert.Equal(damaged.Count, table.GetProperty("repairs").GetProperty("needles_repaired").GetInt64());
        Assert.Equal(0, table.GetProperty("repairs").GetProperty("replicas_rebuilt").GetInt64());
        await AssertReplicaWholeAsync(0, volume, photos);
    }

    [Fact]
    public async Task A_replica_whose_data_file_was_cut_short_is_rebuilt_whole()
    {
        var (volume, photos) = await UploadToOneVolumeAsync(count: 12);
        var dataFile = DataFile(1, volume);
        LockedFile.Truncate(dataFile, new FileInfo(dataFile).Length / 2);

        await ScrubOnceAsync(_cluster.Stores[1], volume);
        var load = new ReadLoad(_cluster.Http, photos, CdnHeader);
        var readers = load.RunAsync(readers: 3);
        var table = await WaitForRepairsAsync(volume, entry => entry.GetProperty("repairs").GetProperty("replicas_rebuilt").GetInt64() >= 1);
        await load.WaitForReadsAsync(load.Completed + (photos.Count * 3));
        await load.StopAsync(readers);

        Assert.True(load.Failures.IsEmpty, $"{load.Failures.Count} failed reads of {load.Completed}: {string.Join("; ", load.Failures.Take(5))}\n{_cluster.Logs}");
        Assert.Equal(1, table.GetProperty("repairs").GetProperty("replicas_rebuilt").GetInt64());
        await AssertReplicaWholeAsync(1, volume, photos);
    }

    private string DataFile(int store, uint volume) => Path.Combine(_cluster.DataPath, $"store-{store + 1}", $"{volume}.dat");

    private async Task<(uint Volume, List<StoredPhoto> Photos)> UploadToOneVolumeAsync(int count)
    {
        var uploaded = new List<StoredPhoto>();
        for (var i = 0; i < count * 3; i++)
        {
            uploaded.Add(await _cluster.UploadAsync(PhotoBytes.Create(500 + i, 2000 + (i * 97))));
        }
        var byVolume = uploaded.GroupBy(p => uint.Parse(p.Id[..p.Id.IndexOf(',')], System.Globalization.CultureInfo.InvariantCulture))
            .OrderByDescending(g => g.Count()).First();
        Assert.True(byVolume.Count() >= count / 2, $"the uploads spread over too many volumes: {byVolume.Count()} in volume {byVolume.Key}");
        return (byVolume.Key, [.. byVolume]);
    }

    /// <summary>Asks the store for a whole pass of the volume and waits for its end; what it found, and repairs since the ask.</summary>
    private async Task<(List<JsonElement> Findings, long RepairedSince)> ScrubOnceAsync(ServerProcess store, uint volume)
    {
        var before = await _cluster.Http.GetFromJsonAsync<JsonElement>(new Uri(store.Url, $"volumes/{volume}/scrub"));
        var passes = before.GetProperty("scrub").GetProperty("passes").GetInt64();
        var repairs = before.GetProperty("scrub").GetProperty("repairs").GetInt64();
        (await _cluster.Http.PostAsync(new Uri(store.Url, $"volumes/{volume}/scrub"), null)).EnsureSuccessStatusCode();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var report = await _cluster.Http.GetFromJsonAsync<JsonElement>(new Uri(store.Url, $"volumes/{volume}/scrub"), limit.Token);
            var scrub = report.GetProperty("scrub");
            if (scrub.GetProperty("passes").GetInt64() > passes && scrub.GetProperty("pass_started").ValueKind == JsonValueKind.Null)
            {
                return ([.. report.GetProperty("findings").EnumerateArray()], scrub.GetProperty("repairs").GetInt64() - repairs);
            }
            await Task.Delay(20, limit.Token);
        }
    }

    /// <summary>Waits until the Directory's row of the volume shows the repairs done and needs_repair cleared.</summary>
    private async Task<JsonElement> WaitForRepairsAsync(uint volume, Func<JsonElement, bool> repaired)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            var table = await _cluster.Http.GetFromJsonAsync<JsonElement>(new Uri(_cluster.Directory.Url, "volumes"));
            var entry = table.GetProperty("volumes").EnumerateArray().Single(v => v.GetProperty("id").GetUInt32() == volume);
            if (entry.GetProperty("repairs").ValueKind == JsonValueKind.Object && repaired(entry) && !entry.GetProperty("needs_repair").GetBoolean() &&
                entry.GetProperty("scrub").EnumerateArray().All(r => r.GetProperty("scrub").GetProperty("open_findings").GetInt32() == 0))
            {
                return entry;
            }
            Assert.True(DateTime.UtcNow < deadline, $"volume {volume} was not repaired within 90 s: {entry}\n{_cluster.Logs}");
            await Task.Delay(100);
        }
    }

    private async Task AssertReplicaWholeAsync(int store, uint volume, List<StoredPhoto> photos)
    {
        var verify = await HaystackCli.RunAsync("verify", DataFile(store, volume));
        Assert.True(verify.ExitCode == 0, verify.ToString());
        foreach (var photo in photos)
        {
            Assert.Equal(photo.Data, await _cluster.Http.GetByteArrayAsync(new Uri(_cluster.Stores[store].Url, photo.Id)));
        }
    }
}
