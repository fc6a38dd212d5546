using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Haystack.Testing;
using Haystack.Tests.Support;

namespace Haystack.Tests.EndToEnd;

/// <summary>
/// <c>haystack compact</c> against a real <c>haystack dev</c> (3 stores, replication 3): below the threshold and under
/// <c>--dry-run</c> nothing changes; over it, every replica is compacted in turn while readers see no failure, the
/// figures printed are the stores' own, the files shrink and every surviving photo reads back from every replica.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed partial class CompactCommandTests : IAsyncLifetime
{
    private const string CdnHeader = "X-Haystack-Cdn";
    private readonly TemporaryDirectory _data = new();
    private readonly int _port = FreePorts.Block(0, 1, 10, 100, 101, 102, 200, 201, 202);
    private readonly HttpClient _http = HaystackExecutable.Client(TimeSpan.FromSeconds(30));
    private ServerProcess _dev = null!;

    private string DirectoryUrl => $"http://127.0.0.1:{_port}";

    private IEnumerable<string> StoreUrls => Enumerable.Range(0, 3).Select(i => $"http://127.0.0.1:{_port + 100 + i}");

    public async Task InitializeAsync()
    {
        _dev = new ServerProcess("dev", new Uri($"http://127.0.0.1:{_port + 10}/"),
            "dev", "--data", _data.Path, "--directory-port", $"{_port}", "--cache-port", $"{_port + 10}", "--store-port", $"{_port + 100}");
        _dev.Start();
        await _dev.WaitReadyAsync();
        await _dev.WaitForOutputAsync(RunningBanner());
    }

    public async Task DisposeAsync()
    {
        await _dev.DisposeAsync();
        _http.Dispose();
        _data.Dispose();
    }

    [Fact]
    public async Task Compact_reclaims_the_garbage_of_a_volume_over_the_threshold_replica_by_replica_while_no_read_fails()
    {
        var photos = new List<StoredPhoto>();
        for (var i = 0; i < 40; i++)
        {
            photos.Add(await UploadAsync(PhotoBytes.Create(500 + i, 20_000)));
        }
        var volume = photos.GroupBy(VolumeOf).MaxBy(group => group.Count())!.Key;
        var onVolume = photos.Where(photo => VolumeOf(photo) == volume).ToList();
        Assert.True(onVolume.Count >= 20, $"only {onVolume.Count} photos landed on volume {volume}");

        // 2 of 20+ deleted: about 5% garbage, under the default 30%.
        await DeleteAsync(onVolume[0]);
        await DeleteAsync(onVolume[1]);
        var untouched = await StatusesAsync(volume);
        var belowThreshold = await CompactJsonAsync();
        Assert.Equal("below_threshold", Outcome(belowThreshold, volume).GetProperty("action").GetString());
        Assert.Equal(untouched, await StatusesAsync(volume));

        // All but 6 deleted: far over the threshold. A dry run reports it and changes nothing.
        foreach (var photo in onVolume.Skip(2).SkipLast(6))
        {
            await DeleteAsync(photo);
        }
        var deleted = onVolume.SkipLast(6).ToHashSet();
        var survivors = photos.Where(photo => !deleted.Contains(photo)).ToList();
        var before = await StatusesAsync(volume);
        var filesBefore = DataFileLengths(volume);
        var dryRun = await CompactJsonAsync("--dry-run");
        Assert.Equal("would_compact", Outcome(dryRun, volume).GetProperty("action").GetString());
        Assert.Equal(before, await StatusesAsync(volume));
        Assert.Equal(filesBefore, DataFileLengths(volume));

        // Readers through the cache as a CDN (nothing cached: every read needs a store) during the real run.
        var load = new ReadLoad(_http, survivors, CdnHeader);
        var readers = load.RunAsync(readers: 4);
        await load.WaitForReadsAsync(50);
        var run = await HaystackCli.RunAsync("compact", "--directory", DirectoryUrl, "--json");
        var afterRun = load.Completed;
        await load.WaitForReadsAsync(afterRun + 50);
        await load.StopAsync(readers);
        Assert.True(run.ExitCode == 0, run + _dev.Output);
        Assert.True(load.Failures.IsEmpty, $"{load.Failures.Count} failed reads of {load.Completed}: {string.Join("; ", load.Failures.Take(5))}\n{_dev.Output}");

        var after = await StatusesAsync(volume);
        var filesAfter = DataFileLengths(volume);
        var outcome = Outcome(JsonDocument.Parse(run.Output).RootElement, volume);
        Assert.Equal("compacted", outcome.GetProperty("action").GetString());
        var replicas = outcome.GetProperty("replicas").EnumerateArray().ToList();
        Assert.Equal(3, replicas.Count);
        foreach (var replica in replicas)
        {
            var store = replica.GetProperty("store").GetString()!.TrimEnd('/');
            var (was, now) = (before[store], after[store]);
            Assert.Equal(was.SizeBytes, replica.GetProperty("size_before_bytes").GetInt64());
            Assert.Equal(now.SizeBytes, replica.GetProperty("size_after_bytes").GetInt64());
            Assert.Equal(was.SizeBytes - now.SizeBytes, replica.GetProperty("reclaimed_bytes").GetInt64());
            Assert.True(was.GarbageBytes <= was.SizeBytes - now.SizeBytes, $"{store} reclaimed less than its garbage");
            Assert.Equal((0L, was.Revision + 1), (now.GarbageBytes, now.Revision));
            Assert.True(filesAfter[store] < filesBefore[store], $"{store}'s data file did not shrink: {filesBefore[store]} -> {filesAfter[store]}");
            Assert.Equal(now.SizeBytes, filesAfter[store]);
        }
        foreach (var other in JsonDocument.Parse(run.Output).RootElement.GetProperty("volumes").EnumerateArray().Where(v => v.GetProperty("volume_id").GetUInt32() != volume))
        {
            Assert.Equal("below_threshold", other.GetProperty("action").GetString());
        }

        foreach (var store in StoreUrls)
        {
            foreach (var photo in survivors.Where(photo => VolumeOf(photo) == volume))
            {
                Assert.Equal(photo.Data, await _http.GetByteArrayAsync($"{store}/{photo.Id}"));
            }
            Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"{store}/{onVolume[0].Id}")).StatusCode);
        }

        var text = await HaystackCli.RunAsync("compact", "--directory", DirectoryUrl, volume.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Matches($@"volume {volume}: below the 30% threshold, left alone", text.Output);
    }

    [Fact]
    public async Task A_volume_id_not_in_the_table_a_threshold_out_of_range_and_kubernetes_without_a_cluster_are_refused_before_anything_is_compacted()
    {
        var unknown = await HaystackCli.RunAsync("compact", "--directory", DirectoryUrl, "4242");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("volume 4242 is not in the directory's volume table", unknown.Error);

        var badThreshold = await HaystackCli.RunAsync("compact", "--directory", DirectoryUrl, "--garbage-threshold", "1.5");
        Assert.Equal(2, badThreshold.ExitCode);
        Assert.Contains("--garbage-threshold must be a fraction from 0 to 1", badThreshold.Error);

        var noCluster = await HaystackCli.RunAsync("compact", "--directory", DirectoryUrl, "--kubernetes", "--namespace", "haystack");
        Assert.Equal(2, noCluster.ExitCode);
        Assert.Contains("--kubernetes needs --cluster", noCluster.Error);
    }

    private async Task<StoredPhoto> UploadAsync(byte[] bytes)
    {
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("image/jpeg");
        using var response = await _http.PostAsync($"{DirectoryUrl}/upload", content);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync() + _dev.Output);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new StoredPhoto(json.GetProperty("id").GetString()!, json.GetProperty("url").GetString()!, bytes);
    }

    private async Task DeleteAsync(StoredPhoto photo)
    {
        using var response = await _http.DeleteAsync($"{DirectoryUrl}/{photo.Id}");
        Assert.True(response.IsSuccessStatusCode, $"delete {photo.Id}: {(int)response.StatusCode}");
    }

    private async Task<JsonElement> CompactJsonAsync(params string[] extra)
    {
        var run = await HaystackCli.RunAsync(["compact", "--directory", DirectoryUrl, "--json", .. extra]);
        Assert.True(run.ExitCode == 0, run + _dev.Output);
        return JsonDocument.Parse(run.Output).RootElement;
    }

    private static JsonElement Outcome(JsonElement run, uint volume) =>
        run.GetProperty("volumes").EnumerateArray().Single(v => v.GetProperty("volume_id").GetUInt32() == volume);

    /// <summary>Each store's figures for the volume, by store URL.</summary>
    private async Task<Dictionary<string, ReplicaFigures>> StatusesAsync(uint volume)
    {
        var figures = new Dictionary<string, ReplicaFigures>();
        foreach (var store in StoreUrls)
        {
            var status = await _http.GetFromJsonAsync<JsonElement>($"{store}/volumes/{volume}");
            figures[store] = new ReplicaFigures(status.GetProperty("size_bytes").GetInt64(), status.GetProperty("garbage_bytes").GetInt64(),
                status.GetProperty("compaction_revision").GetUInt32());
        }
        return figures;
    }

    private Dictionary<string, long> DataFileLengths(uint volume) => StoreUrls.Select((store, i) => (store, i)).ToDictionary(
        pair => pair.store, pair => new FileInfo(_data.Combine($"store-{pair.i + 1}", $"{volume}.dat")).Length);

    private static uint VolumeOf(StoredPhoto photo) => uint.Parse(photo.Id[..photo.Id.IndexOf(',', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Haystack is running \(3 stores, replication 3")]
    private static partial Regex RunningBanner();

    private sealed record ReplicaFigures(long SizeBytes, long GarbageBytes, uint Revision);
}
