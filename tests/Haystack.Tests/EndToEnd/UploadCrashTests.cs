using System.Collections.Concurrent;
using System.Net;
using Haystack.Tests.Support;
using Xunit.Abstractions;

namespace Haystack.Tests.EndToEnd;

/// <summary>
/// Whole-system crash test: a directory, a cache and three stores (replication 3, so every store holds every replica)
/// as real processes, with writers uploading photos of random sizes through the directory, while the test SIGKILLs
/// the directory, the cache and one store in turn, each with uploads in flight, and restarts each on its own files.
/// Uploads failing while a server is down is the policy: they are counted, not recorded. Afterwards every acknowledged
/// photo must read back byte-identical from each of the three stores directly, and through the cache.
/// <para>
/// Why it can fail: an upload acknowledged before every replica holds the needle (an answer after a quorum, or after
/// the first replica) loses that replica's copy when the store dies with the write in flight; a directory that hands
/// out a key or a volume before its state survives a kill reissues it after the restart and an acknowledged photo
/// is overwritten or looked up on the wrong volume; a store whose recovery drops needles past its index, or serves a
/// torn one, fails the direct reads. A missing fdatasync is not visible here: a SIGKILL leaves the kernel's page
/// cache intact, so that is proved with a held flush (DurableAcknowledgementTests, DurabilityTests).
/// </para>
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class UploadCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Writers = 6;
    private const int Seed = 1609;
    private const int UploadsBetweenKills = 40;
    private LocalCluster _cluster = null!;

    public async Task InitializeAsync() =>
        _cluster = await LocalCluster.StartAsync(stores: 3, replication: 3, directoryArguments: ["--probe-interval-ms", "300"]);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Acknowledged_uploads_survive_a_sigkill_of_the_directory_the_cache_and_a_store_during_an_upload_loop()
    {
        var loop = new UploadLoop(_cluster.Http, new Uri(_cluster.Directory.Url, "upload"), Seed);
        var writers = loop.RunAsync(Writers);
        try
        {
            foreach (var server in new[] { _cluster.Directory, _cluster.Cache, _cluster.Stores[1] })
            {
                await loop.WaitForAcknowledgedAsync(loop.Acknowledged.Count + UploadsBetweenKills, $"before the kill of {server.Name}");
                var (inFlight, straddling) = await loop.KillAsync(server.KillAsync);
                Assert.True(inFlight > 0 && straddling > 0,
                    $"the kill of {server.Name} landed with {inFlight} uploads in flight, {straddling} uploads begun before the signal ended after it");
                output.WriteLine($"{server.Name} killed with {inFlight} uploads in flight ({straddling} straddling the signal)");
                server.Start();
                await server.WaitReadyAsync();
                await loop.WaitForAcknowledgedAsync(loop.Acknowledged.Count + UploadsBetweenKills, $"after the restart of {server.Name}");
            }
        }
        finally
        {
            await loop.StopAsync(writers);
        }

        Assert.True(loop.Failures.Count > 0, "no upload failed, so no kill met the write path");
        var photos = loop.Acknowledged.ToArray();
        output.WriteLine($"{photos.Length} uploads acknowledged ({photos.Sum(p => (long)p.Data.Length)} bytes), {loop.Failures.Count} failed");
        var wrong = new ConcurrentQueue<string>();
        await Parallel.ForEachAsync(photos, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (photo, cancellationToken) =>
        {
            foreach (var store in _cluster.Stores)
            {
                await CheckAsync(new Uri(store.Url, photo.Id), photo, store.Name, wrong, cancellationToken);
            }
            await CheckAsync(new Uri(photo.Url), photo, "the cache", wrong, cancellationToken);
        });
        Assert.True(wrong.IsEmpty,
            $"{wrong.Count} of {photos.Length * 4} reads of acknowledged photos were wrong ({loop.Failures.Count} uploads failed meanwhile): " +
            $"{string.Join("; ", wrong.Take(10))}\n{_cluster.Logs}");
    }

    private async Task CheckAsync(Uri url, StoredPhoto photo, string from, ConcurrentQueue<string> wrong, CancellationToken cancellationToken)
    {
        using var response = await _cluster.Http.GetAsync(url, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            wrong.Enqueue($"{photo.Id} from {from}: {(int)response.StatusCode}");
        }
        else if (!body.AsSpan().SequenceEqual(photo.Data))
        {
            wrong.Enqueue($"{photo.Id} from {from}: {body.Length} bytes differ from the {photo.Data.Length} acknowledged");
        }
    }
}
