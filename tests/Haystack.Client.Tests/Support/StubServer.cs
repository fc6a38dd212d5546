using System.Collections.Concurrent;
using System.Diagnostics;
using Haystack.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Haystack.Client.Tests.Support;

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel) that answers every request with what the test says for that attempt
/// (503, 429 with Retry-After, a reset connection, no answer at all), and records each request it received.
/// </summary>
public sealed class StubServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private StubServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public ConcurrentQueue<StubRequest> Requests { get; } = new();

    /// <summary>Starts a server whose answer to the n-th request (0-based) is written by <paramref name="answer"/>.</summary>
    public static async Task<StubServer> StartAsync(Func<HttpContext, int, Task> answer)
    {
        var url = new Uri($"http://127.0.0.1:{FreePorts.Next()}/");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url.ToString());
        var app = builder.Build();
        var stub = new StubServer(app, url);
        var count = 0;
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            stub.Requests.Enqueue(new StubRequest(context.Request.Method, context.Request.Path + context.Request.QueryString,
                context.Request.ContentType, body.ToArray(), stub._clock.Elapsed));
            await answer(context, Interlocked.Increment(ref count) - 1);
        });
        await app.StartAsync();
        return stub;
    }

    public async ValueTask DisposeAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(limit.Token);
        await _app.DisposeAsync();
    }
}
