using System.Diagnostics;
using System.Text.RegularExpressions;
using Haystack.Testing;

namespace Haystack.Client.Tests.EndToEnd;

/// <summary>
/// <c>haystack dev</c> as a user runs it (3 stores, replication 3, a directory and a cache as child processes) on
/// free ports below the ephemeral range, with its data in a temporary folder; and a client for it.
/// </summary>
public sealed partial class DevCluster : IAsyncLifetime
{
    private readonly TemporaryDirectory _data = new();
    private readonly int _port = FreePorts.Block(0, 1, 10, 100, 101, 102, 200, 201, 202);
    private ServerProcess _dev = null!;

    public Uri DirectoryUrl => new($"http://127.0.0.1:{_port}/");

    public Uri CacheUrl => new($"http://127.0.0.1:{_port + 10}/");

    public HttpClient Http { get; } = HaystackExecutable.Client(TimeSpan.FromSeconds(60));

    public HaystackClient Client { get; private set; } = null!;

    public string Output => _dev.Output;

    public async Task InitializeAsync()
    {
        _dev = new ServerProcess("dev", CacheUrl,
            "dev", "--data", _data.Path, "--directory-port", $"{_port}", "--cache-port", $"{_port + 10}", "--store-port", $"{_port + 100}");
        _dev.Start();
        await _dev.WaitReadyAsync();
        await _dev.WaitForOutputAsync(RunningBanner());
        Client = new HaystackClient(Http, new HaystackClientOptions { DirectoryUrl = DirectoryUrl, CacheUrl = CacheUrl, Key = HaystackExecutable.Key });
    }

    /// <summary>SIGKILLs the store serving <paramref name="storeUrl"/> (dev starts it again after a second) and waits until it is gone.</summary>
    public async Task KillStoreAsync(Uri storeUrl)
    {
        var number = storeUrl.Port - (_port + 100) + 1;
        var started = await _dev.WaitForOutputAsync(new Regex($@"\[store-{number}\]\s+started \(pid (?<pid>\d+)\)"));
        using var store = Process.GetProcessById(int.Parse(started[^1].Groups["pid"].Value));
        store.Kill();
        await store.WaitForExitAsync();
    }

    public async Task DisposeAsync()
    {
        await _dev.DisposeAsync();
        Http.Dispose();
        _data.Dispose();
    }

    [GeneratedRegex(@"Haystack is running \(3 stores, replication 3")]
    private static partial Regex RunningBanner();
}
