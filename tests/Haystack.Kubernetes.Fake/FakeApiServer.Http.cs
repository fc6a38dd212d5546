using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Haystack.Kubernetes.Fake;

/// <summary>The HTTP side: routing, request bodies, patch types, watch streams and Status error bodies.</summary>
public sealed partial class FakeApiServer
{
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
        if (IsDiscoveryPath(request) && Discovery(request.Path.Value ?? "") is { } discovery)
        {
            await WriteJsonAsync(context, 200, discovery);
            return;
        }

        var route = ApiRoute.Parse(request.Path.Value ?? "")
            ?? throw new ApiError(404, "NotFound", $"the server could not find the requested resource ({request.Path})");
        if (!_resources.TryGetValue((route.Group, route.Version, route.Plural), out var resource))
        {
            throw new ApiError(404, "NotFound", $"the server could not find the requested resource ({route.Plural} in {route.Group}/{route.Version})");
        }

        if (!resource.Kind.Namespaced && route.Namespace is not null)
        {
            throw new ApiError(404, "NotFound", $"{resource.QualifiedName} is cluster-scoped: the URL must not name a namespace");
        }

        // Only list and watch may span all namespaces.
        if (resource.Kind.Namespaced && route.Namespace is null && (route.Name is not null || request.Method != "GET"))
        {
            throw new ApiError(404, "NotFound", $"{resource.QualifiedName} is namespaced: the URL needs /namespaces/{{namespace}}");
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
                await WriteReadAsync(context, resource, _store.List(
                    resource, route.Namespace, LabelSelector.Parse(query["labelSelector"]), FieldSelector.Parse(query["fieldSelector"]),
                    limit, query["continue"].FirstOrDefault() is { Length: > 0 } token ? token : null));
                break;
            case ("GET", { } name):
                await WriteReadAsync(context, resource, _store.Get(resource, ns, name));
                break;
            case ("POST", null):
                await WriteWrittenAsync(context, 201, resource, _store.Create(resource, ns, await ReadObjectAsync(request), manager));
                break;
            case ("PUT", { } name):
                await WriteWrittenAsync(context, 200, resource, _store.Replace(resource, ns, name, await ReadObjectAsync(request), manager, statusOnly));
                break;
            case ("PATCH", { } name):
                await PatchAsync(context, resource, ns, name, manager, statusOnly);
                break;
            case ("DELETE", { } name):
                var delete = await DeleteRequest.ReadAsync(request);
                await WriteJsonAsync(context, 200, _store.Delete(resource, ns, name, delete.PropagationPolicy, delete.Preconditions));
                if (resource.Kind == ApiResource.CustomResourceDefinition)
                {
                    Unregister(name);
                }

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

                if (Parameter(request, "fieldManager") is null)
                {
                    throw ApiError.BadRequest("PATCH with apply-patch+yaml requires the fieldManager parameter");
                }

                var existed = Exists(resource, ns, name);
                var force = Parameter(request, "force") == "true";
                var result = _store.Apply(resource, ns, name, applied, manager, force, statusOnly);
                await WriteWrittenAsync(context, existed ? 200 : 201, resource, result);
                break;
            case "application/merge-patch+json":
            case "application/strategic-merge-patch+json" when !resource.IsCustom:
                await WriteWrittenAsync(context, 200, resource, _store.Patch(resource, ns, name, current => AsObject(JsonMergePatch.Apply(current, body)), manager, statusOnly));
                break;
            case "application/json-patch+json":
                if (body is not JsonArray operations)
                {
                    throw ApiError.BadRequest("a JSON patch must be an array of operations");
                }

                await WriteWrittenAsync(context, 200, resource, _store.Patch(resource, ns, name, current => JsonPatch.Apply(current, operations), manager, statusOnly));
                break;
            default:
                throw new ApiError(415, "UnsupportedMediaType", $"the body of the request was in an unknown format ({mediaType}) for {resource.QualifiedName}");
        }

        static string? Parameter(HttpRequest request, string name) => request.Query[name].FirstOrDefault();
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

    /// <summary>A read, as a Table when the client asked for server-side printing (kubectl get).</summary>
    private Task WriteReadAsync(HttpContext context, StoredResource resource, JsonObject read) =>
        TableConverter.Wanted(context.Request.Headers.Accept.ToString())
            ? WriteJsonAsync(context, 200, TableConverter.Convert(read, Presentation(resource.Kind).Columns, _clock.GetUtcNow().UtcDateTime))
            : WriteJsonAsync(context, 200, read);

    /// <summary>A write's answer; a written CustomResourceDefinition starts (or changes) serving its resource first.</summary>
    private Task WriteWrittenAsync(HttpContext context, int code, StoredResource resource, JsonObject written)
    {
        if (resource.Kind == ApiResource.CustomResourceDefinition)
        {
            RegisterDefinition(written);
        }

        return WriteJsonAsync(context, code, written);
    }

    private static Task WriteJsonAsync(HttpContext context, int code, JsonObject body)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString());
    }
}
