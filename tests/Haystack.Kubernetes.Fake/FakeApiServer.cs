using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
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
public sealed class FakeApiServer : IAsyncDisposable, IDisposable
{
    private readonly WebApplication _app;
    private readonly ObjectStore _store;
    private readonly ConcurrentDictionary<(string Group, string Version, string Plural), StoredResource> _resources = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _watchGateLock = new();
    private readonly ITimer? _bookmarkTimer;
    private TaskCompletionSource _watchGate = Open();

    private FakeApiServer(FakeApiServerOptions options)
    {
        _store = new ObjectStore(options.Clock, options.HistoryLimit, options.ExpiredWatchAsHttpError);
        foreach (var kind in ResourceKind.BuiltIn)
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

    /// <summary>A configuration for <see cref="Kubernetes"/> pointing at this server, namespace "default".</summary>
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
    public async Task WaitForWatchesAsync(int count, CancellationToken ct)
    {
        while (_store.OpenWatches < count)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), ct);
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

    public IKubernetes CreateClient() => new Kubernetes(ClientConfiguration);

    /// <summary>Serves a custom resource (as installing its CRD would) and returns its descriptor for the client.</summary>
    public ResourceKind RegisterCustomResource(string group, string version, string plural, string kind, bool namespaced, bool hasStatus)
    {
        var resource = new ResourceKind(group, version, plural, kind, namespaced);
        Register(new StoredResource(resource, hasStatus, IsCustom: true));
        return resource;
    }

    /// <summary>Writes that changed objects of <paramref name="kind"/>; a no-op apply or update does not count.</summary>
    public int WritesTo(ResourceKind kind) => _store.WritesTo(Resource(kind));

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

    private StoredResource Resource(ResourceKind kind) =>
        _resources.TryGetValue((kind.Group, kind.Version, kind.Plural), out var resource)
            ? resource
            : throw new ArgumentException($"the fake API server does not serve {kind}; register it first", nameof(kind));

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        try
        {
            await DispatchAsync(context);
        }
        catch (ApiError error)
        {
            await WriteJsonAsync(context, error.Code, error.ToStatus());
        }
        catch (JsonException error)
        {
            await WriteJsonAsync(context, 400, ApiError.BadRequest($"the request body is not valid JSON: {error.Message}").ToStatus());
        }
        finally
        {
            _requests.Enqueue(new RecordedRequest(
                request.Method,
                request.Path.Value ?? "",
                request.QueryString.Value ?? "",
                request.ContentType,
                request.Query["fieldManager"].FirstOrDefault(),
                request.Headers.Authorization.FirstOrDefault(),
                context.Response.StatusCode));
        }
    }

    private async Task DispatchAsync(HttpContext context)
    {
        var request = context.Request;
        var route = ApiRoute.Parse(request.Path.Value ?? "")
            ?? throw new ApiError(404, "NotFound", $"the server could not find the requested resource ({request.Path})");
        if (!_resources.TryGetValue((route.Group, route.Version, route.Plural), out var resource))
        {
            throw new ApiError(404, "NotFound", $"the server could not find the requested resource ({route.Plural} in {route.Group}/{route.Version})");
        }

        if (resource.Kind.Namespaced != (route.Namespace is not null) && (route.Name is not null || request.Method != "GET"))
        {
            throw new ApiError(404, "NotFound", $"{resource.QualifiedName} is {(resource.Kind.Namespaced ? "namespaced: the URL needs /namespaces/{{ns}}" : "cluster-scoped: the URL must not name a namespace")}");
        }

        if (route.Subresource is not null && (route.Subresource != "status" || !resource.HasStatus))
        {
            throw new ApiError(404, "NotFound", $"{resource.QualifiedName} has no subresource \"{route.Subresource}\"");
        }

        var ns = route.Namespace ?? "";
        var statusOnly = route.Subresource == "status";
        var query = request.Query;
        var manager = query["fieldManager"].FirstOrDefault() ?? ManagerFromUserAgent(request);
        switch (request.Method, route.Name)
        {
            case ("GET", null) when query["watch"] == "true" || query["watch"] == "1":
                await WatchAsync(context, resource, route.Namespace);
                break;
            case ("GET", null):
                var limit = int.TryParse(query["limit"], out var l) ? l : (int?)null;
                await WriteJsonAsync(context, 200, _store.List(
                    resource, route.Namespace, LabelSelector.Parse(query["labelSelector"]), FieldSelector.Parse(query["fieldSelector"]),
                    limit, query["continue"].FirstOrDefault() is { Length: > 0 } token ? token : null));
                break;
            case ("GET", { } name):
                await WriteJsonAsync(context, 200, _store.Get(resource, ns, name));
                break;
            case ("POST", null):
                await WriteJsonAsync(context, 201, _store.Create(resource, ns, await ReadObjectAsync(request), manager));
                break;
            case ("PUT", { } name):
                await WriteJsonAsync(context, 200, _store.Replace(resource, ns, name, await ReadObjectAsync(request), manager, statusOnly));
                break;
            case ("PATCH", { } name):
                await PatchAsync(context, resource, ns, name, manager, statusOnly);
                break;
            case ("DELETE", { } name):
                await WriteJsonAsync(context, 200, _store.Delete(resource, ns, name, query["propagationPolicy"].FirstOrDefault()));
                break;
            default:
                throw new ApiError(405, "MethodNotAllowed", $"{request.Method} is not supported on {request.Path}");
        }
    }

    private async Task PatchAsync(HttpContext context, StoredResource resource, string ns, string name, string manager, bool statusOnly)
    {
        var request = context.Request;
        var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType : null;
        var body = await JsonNode.ParseAsync(request.Body) ?? throw ApiError.BadRequest("the patch body is empty");
        switch (mediaType)
        {
            case "application/apply-patch+yaml":
                if (body is not JsonObject applied)
                {
                    throw ApiError.BadRequest("an applied configuration must be an object (the fake accepts its JSON form only)");
                }

                if (query(request, "fieldManager") is null)
                {
                    throw ApiError.BadRequest("PATCH with apply-patch+yaml requires the fieldManager parameter");
                }

                var existed = Exists(resource, ns, name);
                var force = query(request, "force") == "true";
                var result = _store.Apply(resource, ns, name, applied, manager, force, statusOnly);
                await WriteJsonAsync(context, existed ? 200 : 201, result);
                break;
            case "application/merge-patch+json":
            case "application/strategic-merge-patch+json" when !resource.IsCustom:
                await WriteJsonAsync(context, 200, _store.Patch(resource, ns, name, current => AsObject(JsonMergePatch.Apply(current, body)), manager, statusOnly));
                break;
            case "application/json-patch+json":
                if (body is not JsonArray operations)
                {
                    throw ApiError.BadRequest("a JSON patch must be an array of operations");
                }

                await WriteJsonAsync(context, 200, _store.Patch(resource, ns, name, current => JsonPatch.Apply(current, operations), manager, statusOnly));
                break;
            default:
                throw new ApiError(415, "UnsupportedMediaType", $"the body of the request was in an unknown format ({mediaType}) for {resource.QualifiedName}");
        }

        static string? query(HttpRequest request, string name) => request.Query[name].FirstOrDefault();
    }

    private bool Exists(StoredResource resource, string ns, string name)
    {
        try
        {
            _store.Get(resource, ns, name);
            return true;
        }
        catch (ApiError error) when (error.Code == 404)
        {
            return false;
        }
    }

    private async Task WatchAsync(HttpContext context, StoredResource resource, string? ns)
    {
        var query = context.Request.Query;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        if (int.TryParse(query["timeoutSeconds"], out var seconds) && seconds > 0)
        {
            cancel.CancelAfter(TimeSpan.FromSeconds(seconds));
        }

        WatchSubscription watch;
        while (true)
        {
            Task gate;
            lock (_watchGateLock)
            {
                if (_watchGate.Task.IsCompleted)
                {
                    watch = _store.Watch(
                        resource, ns, LabelSelector.Parse(query["labelSelector"]), FieldSelector.Parse(query["fieldSelector"]),
                        query["resourceVersion"].FirstOrDefault(), query["allowWatchBookmarks"] == "true");
                    break;
                }

                gate = _watchGate.Task;
            }

            await gate.WaitAsync(cancel.Token);
        }

        try
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.StartAsync(cancel.Token);
            await foreach (var line in watch.Lines.ReadAllAsync(cancel.Token))
            {
                await context.Response.WriteAsync(line + "\n", cancel.Token);
                await context.Response.Body.FlushAsync(cancel.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away, the timeout passed, or the server is stopping: the stream simply ends.
        }
        finally
        {
            _store.StopWatching(watch);
        }
    }

    private static string ManagerFromUserAgent(HttpRequest request)
    {
        var agent = request.Headers.UserAgent.FirstOrDefault();
        return string.IsNullOrEmpty(agent) ? "unknown" : agent.Split('/')[0];
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpRequest request) =>
        await JsonNode.ParseAsync(request.Body) as JsonObject ?? throw ApiError.BadRequest("the request body must be a JSON object");

    private static JsonObject AsObject(JsonNode? node) =>
        node as JsonObject ?? throw ApiError.BadRequest("the patch must leave a JSON object");

    private static Task WriteJsonAsync(HttpContext context, int code, JsonObject body)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString());
    }
}
