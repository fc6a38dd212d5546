using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Haystack.Cache.Tests.Support;

/// <summary>A real cache node on 127.0.0.1 and a client for it.</summary>
internal sealed class TestCache : IAsyncDisposable
{
    private bool _stopped;

    private TestCache(CacheServer server)
    {
        Server = server;
        Http = new HttpClient { BaseAddress = server.Address };
    }

    public CacheServer Server { get; }

    public Uri Address => Server.Address;

    public HttpClient Http { get; }

    public static async Task<TestCache> StartAsync(Uri directory, Func<CacheOptions, CacheOptions>? configure = null)
    {
        var options = new CacheOptions
        {
            DirectoryUrl = directory,
            Port = 0,
            LoopbackOnly = true,
            CapacityBytes = 16L * 1024 * 1024,
        };
        options = configure?.Invoke(options) ?? options;
        var server = CacheServer.Create(options, logging => logging.SetMinimumLevel(LogLevel.Critical));
        await server.StartAsync(CancellationToken.None);
        return new TestCache(server);
    }

    /// <summary>A port free right now, for node lists that must be known before the nodes start.</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async Task<JsonElement> StatsAsync() => await Http.GetFromJsonAsync<JsonElement>("/stats");

    public async Task<long> StatAsync(string figure) => (await StatsAsync()).GetProperty(figure).GetInt64();

    /// <summary>Polls /stats until <paramref name="figure"/> reaches <paramref name="expected"/>; the bound only keeps a broken cache from hanging the run.</summary>
    public async Task WaitForStatAsync(string figure, long expected)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await StatAsync(figure) < expected)
        {
            await Task.Delay(10, bound.Token);
        }
    }

    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }
        _stopped = true;
        Http.Dispose();
        await Server.DisposeAsync();
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
