using System.Net;
using Haystack.Client.Tests.Support;
using Haystack.Testing;

namespace Haystack.Client.Tests.Retries;

/// <summary>Reads straight from the replicas, against stub stores: which answers move on, and what the caller gets.</summary>
public sealed class ReplicaFailoverTests
{
    private static readonly byte[] Data = [4, 2];
    private readonly HttpClient _http = new();

    [Fact]
    public async Task A_read_moves_past_an_unreachable_store_and_one_without_the_photo_to_the_replica_that_has_it()
    {
        var down = new Uri($"http://127.0.0.1:{FreePorts.Next()}/");
        await using var lacking = await StubServer.StartAsync((context, _) => StubAnswers.ErrorAsync(context, 404, "Photo was not found."));
        await using var holding = await StubServer.StartAsync((context, _) => StubAnswers.PhotoAsync(context, Data));
        await using var directory = await StubServer.StartAsync((context, _) => StubAnswers.LookupAsync(context, down, lacking.Url, holding.Url));
        var client = new HaystackClient(_http, TestOptions.For(directory.Url));

        var read = await client.GetFromReplicasAsync(StubAnswers.Photo);

        Assert.Equal(Data, read.Data);
        Assert.Equal(holding.Url, read.Source);
        Assert.Equal("/dir/lookup?id=3%2C1a2b3c4d5e6f", directory.Requests.Single().PathAndQuery);
        Assert.Equal("/3,1a2b3c4d5e6f", lacking.Requests.Single().PathAndQuery);
    }

    [Fact]
    public async Task A_photo_no_replica_has_is_not_found_after_one_round()
    {
        await using var store = await StubServer.StartAsync((context, _) => StubAnswers.ErrorAsync(context, 404, "Photo was not found."));
        await using var directory = await StubServer.StartAsync((context, _) => StubAnswers.LookupAsync(context, store.Url, store.Url));
        var client = new HaystackClient(_http, TestOptions.For(directory.Url));

        var failure = await Assert.ThrowsAsync<PhotoNotFoundException>(() => client.GetFromReplicasAsync(StubAnswers.Photo));

        Assert.Contains("was not found on any of the 2 replicas of volume 3", failure.Message);
        Assert.Single(directory.Requests);
    }

    [Fact]
    public async Task When_every_replica_fails_the_round_is_retried_with_a_fresh_lookup_and_the_failures_are_named()
    {
        await using var store = await StubServer.StartAsync((context, _) => StubAnswers.ErrorAsync(context, 500, "needle failed its checksum"));
        var down = new Uri($"http://127.0.0.1:{FreePorts.Next()}/");
        await using var directory = await StubServer.StartAsync((context, _) => StubAnswers.LookupAsync(context, store.Url, down));
        var client = new HaystackClient(_http, TestOptions.For(directory.Url, retries: 2));

        var failure = await Assert.ThrowsAsync<HaystackException>(() => client.GetFromReplicasAsync(StubAnswers.Photo));

        Assert.Equal(3, directory.Requests.Count);
        Assert.Equal(3, store.Requests.Count);
        Assert.True(failure.IsTransient);
        Assert.Contains("needle failed its checksum", failure.Message);
        Assert.Contains($"cannot reach the store at {down}", failure.Message);
    }

    [Fact]
    public async Task An_unknown_volume_is_not_found()
    {
        await using var directory = await StubServer.StartAsync((context, _) => StubAnswers.ErrorAsync(context, 404, "Volume 3 is unknown."));
        var client = new HaystackClient(_http, TestOptions.For(directory.Url));

        await Assert.ThrowsAsync<PhotoNotFoundException>(() => client.GetFromReplicasAsync(StubAnswers.Photo));
        var lookup = await Assert.ThrowsAsync<HaystackException>(() => client.LookupAsync(StubAnswers.Photo));
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
    }
}
