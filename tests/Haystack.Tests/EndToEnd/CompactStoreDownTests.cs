using System.Net.Http.Json;
using System.Text.Json;
using Haystack.Testing;
using Haystack.Tests.Support;

namespace Haystack.Tests.EndToEnd;

/// <summary>
/// A store holding a replica is down: <c>haystack compact</c> leaves that volume alone (compacting another replica
/// would leave reads with one fewer place to go), names the volume and the store, and exits non-zero.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CompactStoreDownTests : IAsyncLifetime
{
    private LocalCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await LocalCluster.StartAsync(stores: 3, replication: 3);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_volume_with_a_replica_on_a_store_that_is_down_is_skipped_with_a_message_naming_both_and_a_failing_exit()
    {
        var photos = new List<StoredPhoto>();
        for (var i = 0; i < 10; i++)
        {
            photos.Add(await _cluster.UploadAsync(PhotoBytes.Create(900 + i, 10_000)));
        }
        foreach (var photo in photos.Skip(2))
        {
            (await _cluster.Http.DeleteAsync(new Uri(_cluster.Directory.Url, photo.Id))).EnsureSuccessStatusCode();
        }
        var volume = photos[0].Id[..photos[0].Id.IndexOf(',', StringComparison.Ordinal)];
        var down = _cluster.Stores[1];
        var up = new[] { _cluster.Stores[0], _cluster.Stores[2] };
        var revisions = await RevisionsAsync(up, volume);
        await down.KillAsync();

        var run = await HaystackCli.RunAsync("compact", "--directory", _cluster.Directory.Url.ToString(), "--garbage-threshold", "0.1");

        Assert.True(run.ExitCode == 1, run + _cluster.Logs);
        Assert.Contains($"volume {volume} skipped: store {down.Url} does not answer for it", run.Error);
        Assert.Matches($@"volume {volume}: skipped", run.Output);
        Assert.Equal(revisions, await RevisionsAsync(up, volume));
        foreach (var photo in photos.Take(2))
        {
            Assert.Equal(photo.Data, await _cluster.Http.GetByteArrayAsync($"{up[0].Url}{photo.Id}"));
        }
    }

    private async Task<List<uint>> RevisionsAsync(IEnumerable<ServerProcess> stores, string volume)
    {
        var revisions = new List<uint>();
        foreach (var store in stores)
        {
            var status = await _cluster.Http.GetFromJsonAsync<JsonElement>(new Uri(store.Url, $"volumes/{volume}"));
            revisions.Add(status.GetProperty("compaction_revision").GetUInt32());
        }
        return revisions;
    }
}
