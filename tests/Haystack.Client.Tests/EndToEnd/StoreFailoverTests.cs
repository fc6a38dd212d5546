namespace Haystack.Client.Tests.EndToEnd;

/// <summary>A store of <c>haystack dev</c> killed (SIGKILL) under the client: reads fail over to the other replicas.</summary>
[Collection(DevCollection.Name)]
public sealed class StoreFailoverTests(DevCluster dev) : IClassFixture<DevCluster>
{
    [Fact]
    public async Task Reads_from_the_replicas_and_through_the_cache_fail_over_when_the_first_replica_store_is_killed()
    {
        var data = new byte[20_000];
        new Random(11).NextBytes(data);
        var stored = await dev.Client.UploadAsync(data, "image/jpeg");
        var first = (await dev.Client.LookupAsync(stored.Id)).Replicas[0];

        await dev.KillStoreAsync(first);

        // dev restarts the store after a second: these reads run while it is down.
        Assert.Null((await dev.Client.ProbeAsync(first, stored.Id)).Status);
        var direct = await dev.Client.GetFromReplicasAsync(stored.Id);
        Assert.Equal(data, direct.Data);
        Assert.NotEqual(first, direct.Source);
        Assert.Equal(data, (await dev.Client.GetAsync(stored.Id)).Data);
    }
}
