using System.Net.Http.Json;
using System.Text.Json;
using Haystack.Directory.Volumes;
using Haystack.Testing;
using Microsoft.Extensions.Logging;

namespace Haystack.Directory.Tests.Support;

/// <summary>
/// A real Directory on 127.0.0.1 over a temporary state file. Its background probes are an hour apart, so after
/// the first one tests run maintenance rounds themselves (<see cref="ProbeAsync"/>). A failed upload wakes the loop
/// for an extra round, so tests assert what any interleaving of that round guarantees.
/// </summary>
internal sealed class TestDirectory : IAsyncDisposable
{
    private readonly string? _ownedStateDirectory;

    private TestDirectory(DirectoryServer server, DirectoryOptions options, string? ownedStateDirectory)
    {
        Server = server;
        Options = options;
        _ownedStateDirectory = ownedStateDirectory;
        Http = new HttpClient { BaseAddress = server.HttpAddress };
    }

    public DirectoryServer Server { get; }

    public DirectoryOptions Options { get; }

    public HttpClient Http { get; }

    public static string NewStateFile() =>
        Path.Combine(System.IO.Directory.CreateTempSubdirectory("haystack-directory-state-").FullName, "volumes.json");

    /// <summary>
    /// Starts a directory over <paramref name="stores"/> and waits for its first probe round (run by its own loop);
    /// on a state file unless <paramref name="storage"/> says otherwise.
    /// </summary>
    public static async Task<TestDirectory> StartAsync(
        IEnumerable<TestStore> stores,
        Func<DirectoryOptions, DirectoryOptions>? configure = null,
        string? stateFile = null,
        IEnumerable<Uri>? caches = null,
        Func<ILoggerFactory, DirectoryStorage>? storage = null)
    {
        var ownsStateDirectory = stateFile is null && storage is null;
        var storeUrls = stores.Select(s => s.Url).ToArray();
        var options = new DirectoryOptions
        {
            StateFile = storage is null ? stateFile ?? NewStateFile() : null,
            HttpPort = 0,
            GrpcPort = 0,
            LoopbackOnly = true,
            Stores = storeUrls,
            Caches = caches?.ToArray() ?? [],
            Replication = Math.Min(3, storeUrls.Length),
            WritableVolumes = 2,
            MaxUploadBytes = 512 * 1024,
            StoreTimeout = TimeSpan.FromSeconds(5),
            ProbeInterval = TimeSpan.FromHours(1),
        };
        options = configure?.Invoke(options) ?? options;
        var server = await DirectoryServer.CreateAsync(options, logging => logging.SetMinimumLevel(LogLevel.Critical), storage);
        await server.StartAsync(CancellationToken.None);
        await server.Maintenance.FirstRound;
        return new TestDirectory(server, options, ownsStateDirectory ? Path.GetDirectoryName(options.StateFile) : null);
    }

    /// <summary>Writes a state file holding <paramref name="volumes"/> as writable, for a directory started on it.</summary>
    public static async Task<string> SeedStateFileAsync(params (uint Id, TestStore[] Replicas)[] volumes)
    {
        var stateFile = NewStateFile();
        var file = new JsonStateFile(stateFile);
        foreach (var (id, replicas) in volumes)
        {
            await file.SaveAsync(new LogicalVolume { Id = id, State = VolumeState.Writable, Replicas = [.. replicas.Select(r => r.Url)] }, v => v, CancellationToken.None);
        }
        return stateFile;
    }

    /// <summary>One maintenance round: probe every store, reconcile the table, create volumes, save.</summary>
    public Task ProbeAsync() => Server.Maintenance.RunOnceAsync(CancellationToken.None);

    public LogicalVolume Volume(uint id) => Server.Table.Find(id) ?? throw new InvalidOperationException($"volume {id} is not in the table");

    public async Task<HttpResponseMessage> UploadAsync(byte[] data, string contentType = "image/jpeg", string query = "")
    {
        var content = new ByteArrayContent(data);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return await Http.PostAsync("/upload" + query, content);
    }

    /// <summary>Uploads and returns the 201 body; fails the test with the error body otherwise.</summary>
    public async Task<JsonElement> UploadOkAsync(byte[] data, string contentType = "image/jpeg", string query = "")
    {
        using var response = await UploadAsync(data, contentType, query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"upload answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async Task<JsonElement> GetJsonAsync(string path) => await Http.GetFromJsonAsync<JsonElement>(path);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        if (_ownedStateDirectory is not null)
        {
            System.IO.Directory.Delete(_ownedStateDirectory, recursive: true);
        }
    }
}
