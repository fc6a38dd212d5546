using System.IO.Pipelines;
using System.Net;
using Haystack.Client.Tests.Support;
using Haystack.Testing;

namespace Haystack.Client.Tests.Retries;

/// <summary>Which answers are retried (connect errors, 429, 502, 503, 504) and which never are (every other status).</summary>
public sealed class RetryTests
{
    private static readonly byte[] Data = [1, 2, 3, 4, 5];
    private readonly HttpClient _http = new();

    [Fact]
    public async Task An_upload_answered_503_twice_is_retried_and_sends_the_whole_body_each_time()
    {
        await using var directory = await StubServer.StartAsync((context, attempt) => attempt < 2
            ? StubAnswers.ErrorAsync(context, 503, "no writable volume")
            : StubAnswers.UploadedAsync(context));
        var client = new HaystackClient(_http, TestOptions.For(directory.Url));

        var stored = await client.UploadAsync(Data, "image/png", new UploadOptions { Key = 0xabc, AlternateKey = 2 });

        Assert.Equal(StubAnswers.Photo, stored.Id);
        Assert.Equal(3, directory.Requests.Count);
        Assert.All(directory.Requests, request =>
        {
            Assert.Equal(("POST", "/upload?key=abc&alt=2", "image/png"), (request.Method, request.PathAndQuery, request.ContentType));
            Assert.Equal(Data, request.Body);
        });
    }

    [Theory]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task A_gateway_or_unavailable_answer_that_persists_fails_after_the_last_retry_with_the_servers_message(int status)
    {
        await using var cache = await StubServer.StartAsync((context, _) => StubAnswers.ErrorAsync(context, status, "no replica could serve it"));
        var client = new HaystackClient(_http, TestOptions.For(cache.Url, cache.Url, retries: 2));

        var failure = await Assert.ThrowsAsync<HaystackException>(() => client.GetAsync(StubAnswers.Photo));

        Assert.Equal(3, cache.Requests.Count);
        Assert.Equal((HttpStatusCode)status, failure.StatusCode);
        Assert.True(failure.IsTransient);
        Assert.Contains($"the cache answered {status}", failure.Message);
        Assert.Contains("no replica could serve it", failure.Message);
    }

    [Fact]
    public async Task A_429_waits_for_its_retry_after_before_the_next_attempt()
    {
        var photo = new byte[] { 9, 8, 7 };
        await using var cache = await StubServer.StartAsync((context, attempt) => attempt == 0
            ? StubAnswers.ErrorAsync(context, 429, "slow down", retryAfter: "1")
            : StubAnswers.PhotoAsync(context, photo));
        var client = new HaystackClient(_http, TestOptions.For(cache.Url, cache.Url));

        var read = await client.GetAsync(StubAnswers.Photo);

        Assert.Equal(photo, read.Data);
        Assert.Equal("MISS", read.CacheStatus);
        var requests = cache.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        // The backoff alone would have waited about 20 ms.
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromMilliseconds(950), $"retried after {requests[1].At - requests[0].At}");
    }

    [Theory]
    [InlineData(400)]
    [InlineData(409)]
    [InlineData(413)]
    [InlineData(500)]
    public async Task A_refusal_is_never_retried(int status)
    {
        await using var directory = await StubServer.StartAsync((context, _) => StubAnswers.ErrorAsync(context, status, "refused on purpose"));
        var client = new HaystackClient(_http, TestOptions.For(directory.Url));

        var failure = await Assert.ThrowsAsync<HaystackException>(() => client.UploadAsync(Data, "image/jpeg"));

        Assert.Single(directory.Requests);
        Assert.Equal((HttpStatusCode)status, failure.StatusCode);
        Assert.False(failure.IsTransient);
        Assert.Contains("refused on purpose", failure.Message);
    }

    [Fact]
    public async Task A_404_on_delete_is_not_found_at_once()
    {
        await using var directory = await StubServer.StartAsync((context, _) => StubAnswers.ErrorAsync(context, 404, "Photo 3,1a2b3c4d5e6f was not found."));
        var client = new HaystackClient(_http, TestOptions.For(directory.Url));

        var failure = await Assert.ThrowsAsync<PhotoNotFoundException>(() => client.DeleteAsync(StubAnswers.Photo));

        Assert.Single(directory.Requests);
        Assert.Equal(StubAnswers.Photo, failure.Id);
        Assert.Equal(("DELETE", "/3,1a2b3c4d5e6f"), (directory.Requests.Single().Method, directory.Requests.Single().PathAndQuery));
    }

    [Fact]
    public async Task A_reset_connection_is_retried()
    {
        await using var directory = await StubServer.StartAsync((context, attempt) =>
        {
            if (attempt < 2)
            {
                context.Abort();
                return Task.CompletedTask;
            }
            return StubAnswers.UploadedAsync(context);
        });
        var client = new HaystackClient(_http, TestOptions.For(directory.Url));

        var stored = await client.UploadAsync(Data, "image/jpeg");

        Assert.Equal(StubAnswers.Photo, stored.Id);
        Assert.Equal(3, directory.Requests.Count);
    }

    [Fact]
    public async Task A_non_seekable_upload_stream_is_sent_once()
    {
        await using var directory = await StubServer.StartAsync((context, _) => StubAnswers.ErrorAsync(context, 503, "no writable volume"));
        var client = new HaystackClient(_http, TestOptions.For(directory.Url));
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(Data);
        await pipe.Writer.CompleteAsync();
        await using var stream = pipe.Reader.AsStream();

        var failure = await Assert.ThrowsAsync<HaystackException>(() => client.UploadAsync(stream, "image/jpeg"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failure.StatusCode);
        Assert.Equal(Data, directory.Requests.Single().Body);
    }

    [Fact]
    public async Task A_server_that_is_not_there_is_named_after_the_retries()
    {
        var nowhere = new Uri($"http://127.0.0.1:{FreePorts.Next()}");
        var client = new HaystackClient(_http, TestOptions.For(nowhere));

        var failure = await Assert.ThrowsAsync<HaystackUnreachableException>(() => client.DeleteAsync(StubAnswers.Photo));

        Assert.StartsWith($"cannot reach the directory at {nowhere}", failure.Message);
        Assert.Equal(nowhere, failure.Server);
        Assert.True(failure.IsTransient);
    }
}
