using System.Diagnostics;
using Haystack.Client.Tests.Support;

namespace Haystack.Client.Tests.Retries;

/// <summary>
/// A server that does not answer costs one attempt timeout, after which reads are retried and uploads are not;
/// the caller's token ends a call at once, whether a request is in flight or the client waits to retry.
/// </summary>
public sealed class TimeoutAndCancellationTests
{
    private static readonly byte[] Data = [1, 2, 3];
    private readonly HttpClient _http = new();

    [Fact]
    public async Task A_read_whose_first_attempt_times_out_is_retried()
    {
        await using var cache = await StubServer.StartAsync((context, attempt) => attempt == 0
            ? StubAnswers.SilenceAsync(context)
            : StubAnswers.PhotoAsync(context, Data));
        var client = new HaystackClient(_http, TestOptions.For(cache.Url, cache.Url, attemptTimeout: TimeSpan.FromMilliseconds(500)));

        var read = await client.GetAsync(StubAnswers.Photo);

        Assert.Equal(Data, read.Data);
        Assert.Equal(2, cache.Requests.Count);
    }

    [Fact]
    public async Task An_upload_whose_attempt_times_out_is_not_retried_as_the_directory_may_have_stored_it()
    {
        await using var directory = await StubServer.StartAsync((context, _) => StubAnswers.SilenceAsync(context));
        // Long enough for the one attempt to reach the stub on a loaded machine (at 0.5 s it once never arrived).
        var client = new HaystackClient(_http, TestOptions.For(directory.Url, attemptTimeout: TimeSpan.FromSeconds(2)));

        var failure = await Assert.ThrowsAsync<HaystackUnreachableException>(() => client.UploadAsync(Data, "image/jpeg"));

        Assert.Contains($"the directory at {directory.Url} did not answer POST {directory.Url}upload within 2 s", failure.Message);
        Assert.Single(directory.Requests);
    }

    [Fact]
    public async Task Cancelling_a_request_in_flight_ends_the_call_with_operation_canceled_exception()
    {
        await using var cache = await StubServer.StartAsync((context, _) => StubAnswers.SilenceAsync(context));
        var client = new HaystackClient(_http, TestOptions.For(cache.Url, cache.Url));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAsync(StubAnswers.Photo, cancellation.Token));

        Assert.Single(cache.Requests);
    }

    [Fact]
    public async Task Cancelling_while_the_client_waits_to_retry_ends_the_call_without_waiting_out_the_delay()
    {
        await using var directory = await StubServer.StartAsync((context, _) => StubAnswers.ErrorAsync(context, 503, "busy", retryAfter: "60"));
        // Willing to wait the whole minute the server asks for.
        var patient = new HaystackClient(_http, new HaystackClientOptions { DirectoryUrl = directory.Url, MaxRetryDelay = TimeSpan.FromMinutes(2) });
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => patient.DeleteAsync(StubAnswers.Photo, cancellation.Token));

        Assert.Single(directory.Requests);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the call ended after {clock.Elapsed}, not when it was cancelled");
    }

    [Fact]
    public async Task A_token_cancelled_before_the_call_sends_nothing()
    {
        await using var directory = await StubServer.StartAsync((context, _) => StubAnswers.UploadedAsync(context));
        var client = new HaystackClient(_http, TestOptions.For(directory.Url));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.UploadAsync(Data, "image/jpeg", cancellationToken: new CancellationToken(true)));

        Assert.Empty(directory.Requests);
    }
}
