using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Haystack.Cache.Tests.Support;

/// <summary>
/// Stands in front of a real store and holds every photo GET until the test opens the gate (then passes it on
/// to the store and relays the answer), counting the GETs. With no store behind it, it never answers at all:
/// a replica that hangs. With <c>answerFirst</c> it asks the store at once and holds the answer instead: a
/// response that left the store before a delete and arrives after it.
/// </summary>
internal sealed class GatedReplica : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _closing = new();
    private readonly HttpClient _store;
    private readonly bool _answerFirst;
    private int _requests;
    private int _answered;

    private GatedReplica(WebApplication app, Uri? store, bool answerFirst)
    {
        _app = app;
        _store = new HttpClient { BaseAddress = store };
        Store = store;
        _answerFirst = answerFirst;
    }

    public Uri Address { get; private set; } = null!;

    public Uri? Store { get; }

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>GETs the store behind has answered (with <c>answerFirst</c>, before the gate opens).</summary>
    public int Answered => Volatile.Read(ref _answered);

    public static async Task<GatedReplica> StartAsync(Uri? store, bool answerFirst = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Critical);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var replica = new GatedReplica(app, store, answerFirst);
        app.MapGet("/{photoId}", (string photoId, HttpContext context) => replica.RelayAsync(photoId, context));
        await app.StartAsync();
        replica.Address = new Uri(app.Urls.Single());
        return replica;
    }

    public void Open() => _gate.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _store.Dispose();
        _closing.Dispose();
    }

    private async Task RelayAsync(string photoId, HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _closing.Token);
        if (Store is null)
        {
            await Task.Delay(Timeout.Infinite, waiting.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }
        if (!_answerFirst)
        {
            await _gate.Task.WaitAsync(waiting.Token);
        }
        using var response = await _store.GetAsync($"/{photoId}", HttpCompletionOption.ResponseContentRead, context.RequestAborted);
        Interlocked.Increment(ref _answered);
        await _gate.Task.WaitAsync(waiting.Token);
        context.Response.StatusCode = (int)response.StatusCode;
        context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
        if (response.Headers.ETag is { } etag)
        {
            context.Response.Headers.ETag = etag.ToString();
        }
        await response.Content.CopyToAsync(context.Response.Body);
    }
}
