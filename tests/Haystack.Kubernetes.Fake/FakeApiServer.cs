using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Haystack.Kubernetes.Fake;

/// <summary>
/// An in-process Kubernetes API server for tests: Kestrel on 127.0.0.1 with a random port, serving the built-in
/// kinds the operator uses and any registered custom resource with the REST semantics clients rely on.
/// See README.md for what is faithful and what is simplified.
/// </summary>
public sealed partial class FakeApiServer : IAsyncDisposable, IDisposable
{
    private readonly WebApplication _app;
    private readonly ObjectStore _store;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<(string Group, string Version, string Plural), StoredResource> _resources = new();
    private readonly ConcurrentDictionary<ApiResource, ResourcePresentation> _presentations = new();
    private readonly ConcurrentDictionary<string, List<ApiResource>> _definitions = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _watchGateLock = new();
    private readonly ITimer? _bookmarkTimer;
    private TaskCompletionSource _watchGate = Open();

    private FakeApiServer(FakeApiServerOptions options)
    {
        _clock = options.Clock;
        _store = new ObjectStore(options.Clock, options.HistoryLimit, options.ExpiredWatchAsHttpError);
        foreach (var kind in ApiResource.BuiltIn)
        {
            Register(new StoredResource(kind, HasStatus: BuiltInKindsWithStatus.Contains(kind.Plural), IsCustom: false));
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(HandleAsync);
        if (options.BookmarkInterval is { } interval)
        {
            _bookmarkTimer = options.Clock.CreateTimer(_ => _store.SendBookmarks(), null, interval, interval);
        }
    }

    /// <summary>Built-in kinds whose status is a separate subresource.</summary>
    private static readonly HashSet<string> BuiltInKindsWithStatus =
        ["pods", "services", "persistentvolumeclaims", "nodes", "statefulsets", "deployments", "jobs", "cronjobs", "poddisruptionbudgets"];

    /// <summary>http://127.0.0.1:{port}/</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>A KubernetesClient configuration pointing at this server, namespace "default".</summary>
    public KubernetesClientConfiguration ClientConfiguration => new() { Host = BaseAddress.ToString().TrimEnd('/'), Namespace = "default" };

    /// <summary>The global resourceVersion: the version of the last write.</summary>
    public long ResourceVersion => _store.ResourceVersion;

    /// <summary>Writes that changed something (creates, updates, patches, deletes), over all resources.</summary>
    public int TotalWrites => _store.TotalWrites;

    /// <summary>Requests in the order they completed (a watch is recorded when its stream ends).</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Watch streams open right now.</summary>
    public int OpenWatches => _store.OpenWatches;

    /// <summary>Waits until at least <paramref name="count"/> watches are open, e.g. until a controller under test is watching.</summary>
    public async Task WaitForWatchesAsync(int count, CancellationToken cancellationToken)
    {
        while (_store.OpenWatches < count)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken);
        }
    }

    public static async Task<FakeApiServer> StartAsync(FakeApiServerOptions? options = null)
    {
        var server = new FakeApiServer(options ?? new FakeApiServerOptions());
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>The real KubernetesClient, talking to this server over HTTP.</summary>
    public IKubernetes CreateClient() => new k8s.Kubernetes(ClientConfiguration);

    /// <summary>
    /// Serves a custom resource without its CRD and returns its descriptor. Creating or applying a
    /// CustomResourceDefinition does the same, with the CRD's short names, categories and printer columns.
    /// </summary>
    public ApiResource RegisterCustomResource(string group, string version, string plural, string kind, bool namespaced, bool hasStatus)
    {
        var resource = new ApiResource(group, version, plural, kind, namespaced);
        Register(new StoredResource(resource, hasStatus, IsCustom: true));
        return resource;
    }

    /// <summary>Writes that changed objects of <paramref name="kind"/>; a no-op apply or update does not count.</summary>
    public int WritesTo(ApiResource kind) => _store.WritesTo(Resource(kind));

    /// <summary>Writes a kubeconfig whose current context points here with a bearer token, and returns its path.</summary>
    public string WriteKubeconfig(string path, string ns = "default", string token = "fake-token")
    {
        var yaml = new StringBuilder()
            .AppendLine("apiVersion: v1")
            .AppendLine("kind: Config")
            .AppendLine("current-context: fake")
            .AppendLine("clusters:")
            .AppendLine("- name: fake")
            .AppendLine("  cluster:")
            .AppendLine($"    server: {BaseAddress.ToString().TrimEnd('/')}")
            .AppendLine("contexts:")
            .AppendLine("- name: fake")
            .AppendLine("  context:")
            .AppendLine("    cluster: fake")
            .AppendLine("    user: fake")
            .AppendLine($"    namespace: {ns}")
            .AppendLine("users:")
            .AppendLine("- name: fake")
            .AppendLine("  user:")
            .AppendLine($"    token: {token}");
        File.WriteAllText(path, yaml.ToString());
        return path;
    }

    /// <summary>Forgets the watch history: resuming a watch from any earlier resourceVersion gets 410 Gone.</summary>
    public void CompactHistory() => _store.CompactHistory();

    /// <summary>Sends a BOOKMARK with the current resourceVersion to every watch that allows bookmarks.</summary>
    public void SendBookmarks() => _store.SendBookmarks();

    /// <summary>Ends every open watch stream, as a watch timeout or an API server restart does.</summary>
    public void CloseWatches() => _store.CloseWatches();

    /// <summary>
    /// Ends every open watch and holds new watch requests until <see cref="ResumeWatches"/>: writes made in between
    /// reach no watcher, so a test can make a client fall behind (and, with <see cref="CompactHistory"/>, get 410 Gone).
    /// </summary>
    public void SuspendWatches()
    {
        lock (_watchGateLock)
        {
            if (_watchGate.Task.IsCompleted)
            {
                _watchGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            _store.CloseWatches();
        }
    }

    public void ResumeWatches()
    {
        lock (_watchGateLock)
        {
            _watchGate.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _bookmarkTimer?.Dispose();
        await _stopping.CancelAsync();
        _store.CloseWatches();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static TaskCompletionSource Open()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }

    private void Register(StoredResource resource) =>
        _resources[(resource.Kind.Group, resource.Kind.Version, resource.Kind.Plural)] = resource;

    /// <summary>After a write to a CustomResourceDefinition: serve what it defines now, and stop serving versions it dropped.</summary>
    private void RegisterDefinition(JsonObject definition)
    {
        var name = definition["metadata"]!["name"]!.GetValue<string>();
        var served = CustomResourceDefinitions.Served(definition).ToList();
        Unregister(name);
        foreach (var (resource, presentation) in served)
        {
            Register(resource);
            _presentations[resource.Kind] = presentation;
        }

        _definitions[name] = [.. served.Select(s => s.Resource.Kind)];
    }

    private void Unregister(string definitionName)
    {
        if (_definitions.TryRemove(definitionName, out var kinds))
        {
            foreach (var kind in kinds)
            {
                _resources.TryRemove((kind.Group, kind.Version, kind.Plural), out _);
                _presentations.TryRemove(kind, out _);
            }
        }
    }

    private StoredResource Resource(ApiResource kind) =>
        _resources.TryGetValue((kind.Group, kind.Version, kind.Plural), out var resource)
            ? resource
            : throw new ArgumentException($"the fake API server does not serve {kind}; register it first", nameof(kind));
}
