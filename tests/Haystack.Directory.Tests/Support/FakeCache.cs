using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Haystack.Directory.Tests.Support;

/// <summary>A cache node stand-in on 127.0.0.1 that records the invalidations (<c>DELETE /{photoId}</c>) it receives.</summary>
internal sealed class FakeCache : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _deleted = new();

    private FakeCache(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public IReadOnlyCollection<string> Deleted => _deleted;

    public static async Task<FakeCache> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Critical);
        ListenOptions? listen = null;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, l => listen = l));
        var app = builder.Build();
        var cache = new FakeCache(app);
        app.MapDelete("/{photoId}", (string photoId) =>
        {
            cache._deleted.Enqueue(photoId);
            return Results.NoContent();
        });
        await app.StartAsync();
        cache.Url = new Uri($"http://127.0.0.1:{((IPEndPoint)listen!.EndPoint).Port}");
        return cache;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
