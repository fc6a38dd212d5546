using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Haystack.Cache.Tests.Support;

/// <summary>
/// The two Directory endpoints a cache calls, on Kestrel at 127.0.0.1 port 0: <c>GET /dir/lookup</c> answers from a
/// table the test sets, <c>POST /dir/report</c> records what it gets.
/// </summary>
internal sealed class FakeDirectory : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<uint, (string State, Uri[] Replicas)> _volumes = new();
    private readonly Channel<Report> _reports = Channel.CreateUnbounded<Report>();
    private int _lookups;
    private bool _disposed;

    private FakeDirectory(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    public int Lookups => Volatile.Read(ref _lookups);

    public static async Task<FakeDirectory> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Critical);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var directory = new FakeDirectory(app);
        app.MapGet("/dir/lookup", (uint volume) => directory.Lookup(volume));
        app.MapPost("/dir/report", async (HttpRequest request) =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
            await directory._reports.Writer.WriteAsync(new Report(
                body.GetProperty("id").GetString()!, body.GetProperty("store").GetString()!, body.GetProperty("problem").GetString()!));
            return Results.NoContent();
        });
        await app.StartAsync();
        directory.Address = new Uri(app.Urls.Single());
        return directory;
    }

    public void SetVolume(uint volumeId, string state, params Uri[] replicas) => _volumes[volumeId] = (state, replicas);

    /// <summary>The next report; the bound only keeps a broken cache from hanging the run.</summary>
    public async Task<Report> NextReportAsync()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _reports.Reader.ReadAsync(bound.Token);
    }

    public bool HasReports => _reports.Reader.Count > 0;

    /// <summary>Stops it (tests of a Directory outage stop it early; the cluster's dispose then does nothing).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private IResult Lookup(uint volume)
    {
        Interlocked.Increment(ref _lookups);
        return _volumes.TryGetValue(volume, out var entry)
            ? Results.Json(new { volume, state = entry.State, locations = entry.Replicas.Select(r => new { url = r.GetLeftPart(UriPartial.Authority) }) })
            : Results.Json(new { error = $"Volume {volume} is not in the table." }, statusCode: StatusCodes.Status404NotFound);
    }
}
