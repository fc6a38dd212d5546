namespace Haystack.Tests.Security;

/// <summary>
/// Walks every route and gRPC method the store, the directory and the cache map (taken from their routing, not from a
/// list), and proves that everything but the reads and probes named here refuses a call without the key, or with a
/// wrong one, and changes nothing; that the reads stay open; and that the current and the previous key are accepted.
/// A new endpoint is guarded unless marked otherwise; one marked as a read must be added to a list here, so this
/// test fails for an endpoint that was opened by mistake.
/// </summary>
public sealed class GuardedEndpointTests : IAsyncLifetime
{
    private static readonly string[] Probes = ["grpc /grpc.health.v1.Health/", "grpc /grpc.reflection."];

    private KeyedCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await KeyedCluster.StartAsync(withReadKey: false);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Every_store_write_delete_and_admin_call_without_the_key_is_refused_and_changes_nothing()
    {
        using var walk = StoreWalk();
        var refused = await AssertGuardedAsync(walk,
            "GET /{photo}", "HEAD /{photo}", "GET /healthz", "GET /readyz", "GET /stats", "* /metrics", "GET /volumes/", "GET /volumes/{volume}",
            "* /no/such/thing", // the fallback: a JSON 404 for any method
            "grpc /haystack.store.v1.Store/Read", "grpc /haystack.store.v1.Store/ListVolumes", "grpc /haystack.store.v1.Store/VolumeStatus");
        // The walk is not vacuous: the calls the issue names are among the refused ones.
        Assert.Contains(Named("PUT /{photo}"), refused);
        Assert.Contains(Named("DELETE /{photo}"), refused);
        Assert.Contains(Named("GET /volumes/{volume}/stream"), refused);
        Assert.Contains("grpc /haystack.store.v1.Store/StreamVolume", refused);
        Assert.Contains("grpc /haystack.store.v1.Store/Write", refused);
    }

    [Fact]
    public async Task Every_directory_write_delete_and_admin_call_without_the_key_is_refused_and_changes_nothing()
    {
        using var walk = DirectoryWalk();
        var refused = await AssertGuardedAsync(walk,
            "GET /healthz", "GET /readyz", "GET /stats", "* /metrics", "GET /volumes", "GET /dir/lookup", "grpc /haystack.directory.v1.Directory/Lookup");
        Assert.Contains("POST /upload", refused);
        Assert.Contains("GET /dir/assign", refused);
        Assert.Contains(Named("DELETE /{photo}"), refused);
        Assert.Contains("grpc /haystack.directory.v1.Directory/Upload", refused);
    }

    [Fact]
    public async Task The_cache_refuses_a_drop_without_the_key_and_keeps_its_reads_open()
    {
        using var walk = CacheWalk();
        var refused = await AssertGuardedAsync(walk, "GET /{photo}", "HEAD /{photo}", "GET /healthz", "GET /readyz", "GET /stats", "* /metrics");
        Assert.Equal([Named("DELETE /{photo}")], refused);
    }

    [Fact]
    public async Task The_current_and_the_previous_key_open_every_guarded_call()
    {
        foreach (var (walk, keyName) in new[] { (StoreWalk(), "current"), (DirectoryWalk(), "previous"), (CacheWalk(), "current") })
        {
            using (walk)
            {
                var key = keyName == "current" ? _cluster.Keys.Current : _cluster.Keys.Previous;
                foreach (var call in walk.Calls())
                {
                    Assert.False(await walk.IsRefusedAsync(call, key), $"{call} refused the {keyName} key");
                }
            }
        }
    }

    /// <param name="open">The calls that must stay open: "GET /healthz"; "* /metrics" for an endpoint that declares no
    /// methods (the Prometheus exporter answers any method and changes nothing).</param>
    private async Task<List<string>> AssertGuardedAsync(EndpointWalk walk, params string[] open)
    {
        var expectedOpen = open.Select(Named).ToHashSet();
        var before = await _cluster.StateAsync();
        var refused = new List<string>();
        foreach (var call in walk.Calls())
        {
            var isOpen = expectedOpen.Contains(call.Name) || expectedOpen.Contains($"* {call.Path}") ||
                Probes.Any(probe => call.Name.StartsWith(probe, StringComparison.Ordinal));
            Assert.True(isOpen != await walk.IsRefusedAsync(call, null),
                isOpen ? $"{call} is meant to be open and refused a call without a key" : $"{call} answered a call without a key");
            if (!isOpen)
            {
                Assert.True(await walk.IsRefusedAsync(call, "a-wrong-key-of-enough-length"), $"{call} took a wrong key");
                refused.Add(call.Name);
            }
        }
        Assert.Equal(before, await _cluster.StateAsync());
        return refused;
    }

    private string Named(string call) => call.Replace("{photo}", _cluster.PhotoId).Replace("{volume}", $"{_cluster.VolumeId}");

    private Dictionary<string, string> RouteValues() => new()
    {
        ["photoId"] = _cluster.PhotoId,
        ["volumeId"] = $"{_cluster.VolumeId}",
        ["path"] = "no/such/thing",
    };

    private EndpointWalk StoreWalk() => new(_cluster.Store.Services, _cluster.Store.HttpAddress, _cluster.Store.GrpcAddress, RouteValues());

    private EndpointWalk DirectoryWalk() => new(_cluster.Directory.Services, _cluster.Directory.HttpAddress, _cluster.Directory.GrpcAddress, RouteValues());

    private EndpointWalk CacheWalk() => new(_cluster.Cache.Services, _cluster.Cache.Address, null, RouteValues());
}
