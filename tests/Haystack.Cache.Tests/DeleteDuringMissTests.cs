using System.Net;
using Haystack.Cache.Tests.Support;

namespace Haystack.Cache.Tests;

/// <summary>
/// A delete that lands while a miss for the same photo is in flight: the store's answer left before the
/// delete and arrives after it. The late answer must not put the deleted photo back into the cache.
/// </summary>
public sealed class DeleteDuringMissTests
{
    [Fact]
    public async Task A_delete_during_an_in_flight_miss_leaves_the_photo_out_of_the_cache()
    {
        await using var cluster = await TestCluster.StartAsync();
        await using var replica = await GatedReplica.StartAsync(cluster.Stores[0].Url, answerFirst: true);
        var id = await cluster.UploadAsync(70, Photos.Random(30_000, 70));
        cluster.Directory.SetVolume(1, "writable", replica.Address);

        var miss = cluster.Cache.Http.GetAsync($"/{id}");
        await WaitUntilAsync(() => replica.Answered == 1);
        // The directory's delete: every replica first, then the owning cache node.
        foreach (var store in cluster.Stores)
        {
            using var deleted = await store.Http.DeleteAsync($"/{id}");
            deleted.EnsureSuccessStatusCode();
        }
        using (var invalidated = await cluster.Cache.Http.DeleteAsync($"/{id}"))
        {
            invalidated.EnsureSuccessStatusCode();
        }
        // A read after the delete must not join the fetch that began before it.
        var afterDelete = cluster.Cache.Http.GetAsync($"/{id}");
        await WaitUntilAsync(() => replica.Answered == 2);
        replica.Open();

        using var missResponse = await miss;
        using var afterDeleteResponse = await afterDelete;
        Assert.Equal(HttpStatusCode.NotFound, afterDeleteResponse.StatusCode);
        Assert.Equal(0, await cluster.Cache.StatAsync("items"));
        using var later = await cluster.Cache.Http.GetAsync($"/{id}");
        Assert.Equal(HttpStatusCode.NotFound, later.StatusCode);
        Assert.Equal(3, replica.Requests);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(10, bound.Token);
        }
    }
}
