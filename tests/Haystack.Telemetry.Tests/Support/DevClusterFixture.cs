using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Haystack.Testing;
using Haystack.Tests.Support;

namespace Haystack.Telemetry.Tests.Support;

/// <summary>
/// One <c>haystack dev</c> (3 stores, replication 3, a directory and a cache as real processes) for every test of the
/// collection, with a known workload already run through it: <see cref="Photos"/> uploads, each photo read twice
/// through the cache (a miss, then a hit) and one read of a photo that does not exist.
/// </summary>
public sealed class DevClusterFixture : IAsyncLifetime
{
    public const int Photos = 12;

    private readonly TemporaryDirectory _data = new();
    private ServerProcess? _dev;

    public int DirectoryPort { get; private set; }

    public int CachePort { get; private set; }

    public IReadOnlyList<int> StorePorts { get; private set; } = [];

    public HttpClient Http { get; } = HaystackExecutable.Client(TimeSpan.FromSeconds(30));

    public string Output => _dev?.Output ?? "";

    /// <summary>Every role's HTTP port with its Prometheus job name.</summary>
    public IEnumerable<(string Job, int Port)> Targets =>
        [.. StorePorts.Select(port => ("haystack-store", port)), ("haystack-directory", DirectoryPort), ("haystack-cache", CachePort)];

    public async Task InitializeAsync()
    {
        var port = FreePorts.Block(0, 1, 10, 100, 101, 102, 200, 201, 202);
        DirectoryPort = port;
        CachePort = port + 10;
        StorePorts = [port + 100, port + 101, port + 102];
        _dev = new ServerProcess("dev", ServerProcess.Local(CachePort),
            "dev", "--data", _data.Path, "--directory-port", $"{DirectoryPort}", "--cache-port", $"{CachePort}", "--store-port", $"{port + 100}");
        _dev.Start();
        await _dev.WaitReadyAsync();
        await RunWorkloadAsync();
    }

    public async Task<string> ScrapeAsync(int port)
    {
        using var response = await Http.GetAsync($"http://127.0.0.1:{port}/metrics");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET :{port}/metrics answered {(int)response.StatusCode}: {body}\n{Output}");
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        return body;
    }

    public async Task DisposeAsync()
    {
        if (_dev is not null)
        {
            await _dev.DisposeAsync();
        }
        Http.Dispose();
        _data.Dispose();
    }

    private async Task RunWorkloadAsync()
    {
        var ids = new List<string>();
        for (var i = 0; i < Photos; i++)
        {
            using var content = new ByteArrayContent(PhotoBytes.Create(i, 2000 + (i * 100)));
            content.Headers.TryAddWithoutValidation("Content-Type", "image/jpeg");
            using var response = await Http.PostAsync($"http://127.0.0.1:{DirectoryPort}/upload", content);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"upload answered {(int)response.StatusCode}: {body}\n{Output}");
            ids.Add(JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!);
        }
        foreach (var id in ids.Concat(ids))
        {
            using var response = await Http.GetAsync($"http://127.0.0.1:{CachePort}/{id}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {id} through the cache answered {(int)response.StatusCode}\n{Output}");
        }
        var missing = ids[0].Split(',')[0] + ",ffffffff12345678";
        using var notFound = await Http.GetAsync($"http://127.0.0.1:{CachePort}/{missing}");
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        // The cache counts a read when its response is complete; /stats shows when all of them are in.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((await Http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{CachePort}/stats")).GetProperty("hits").GetInt64() < Photos)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the cache did not count {Photos} hits\n{Output}");
            await Task.Delay(50);
        }
    }
}
