using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Haystack.Kubernetes.Configuration;
using Haystack.Kubernetes.Models;

namespace Haystack.Kubernetes;

/// <summary>The REST client over HttpClient. Thread-safe; make one per process and share it.</summary>
public sealed class Kubernetes : IKubernetes
{
    private const string JsonMediaType = "application/json";
    private readonly HttpClient _http;
    private readonly KubernetesClientConfiguration _config;
    private readonly TokenFileSource? _tokenFile;

    public Kubernetes(KubernetesClientConfiguration config)
        : this(config, config.CreateHandler())
    {
    }

    /// <summary>With a caller-supplied handler (it is disposed with the client).</summary>
    public Kubernetes(KubernetesClientConfiguration config, HttpMessageHandler handler)
    {
        _config = config;
        BaseUri = new Uri(config.Host.TrimEnd('/') + "/");
        // Watches stream for minutes, so the per-request limit is applied by each call instead.
        _http = new HttpClient(handler) { BaseAddress = BaseUri, Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("haystack-kubernetes/1.0");
        _tokenFile = config.TokenFile is null ? null : new TokenFileSource(config.TokenFile, TimeProvider.System);
    }

    public Uri BaseUri { get; }

    public async Task<T> GetAsync<T>(ResourceKind kind, string name, string? ns = null, CancellationToken ct = default) =>
        await SendAsync<T>(HttpMethod.Get, kind.ObjectPath(name, ns), content: null, ct);

    public async Task<TList> ListAsync<TList>(ResourceKind kind, string? ns = null, ListOptions? options = null, CancellationToken ct = default)
    {
        var query = new QueryString()
            .Add("labelSelector", options?.LabelSelector)
            .Add("fieldSelector", options?.FieldSelector)
            .Add("limit", options?.Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Add("continue", options?.Continue)
            .Add("resourceVersion", options?.ResourceVersion);
        return await SendAsync<TList>(HttpMethod.Get, kind.CollectionPath(ns) + query, content: null, ct);
    }

    public async IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync<T>(
        ResourceKind kind, string? ns = null, WatchOptions? options = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var path = kind.CollectionPath(ns) + new QueryString()
            .Add("watch", "true")
            .Add("resourceVersion", options?.ResourceVersion)
            .Add("labelSelector", options?.LabelSelector)
            .Add("fieldSelector", options?.FieldSelector)
            .Add("allowWatchBookmarks", options?.AllowWatchBookmarks == true ? "true" : null)
            .Add("timeoutSeconds", options?.TimeoutSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var request = NewRequest(HttpMethod.Get, path, content: null);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        await ThrowIfFailedAsync(request.Method, path, response, ct);
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length > 0)
            {
                yield return WatchEvent.Parse<T>(line, request.Method, path);
            }
        }
    }

    public async Task<T> CreateAsync<T>(ResourceKind kind, T body, string? ns = null, string? fieldManager = null, CancellationToken ct = default) =>
        await SendAsync<T>(HttpMethod.Post, kind.CollectionPath(ns) + new QueryString().Add("fieldManager", fieldManager), JsonBody(body), ct);

    public async Task<T> ReplaceAsync<T>(ResourceKind kind, T body, string name, string? ns = null, string? fieldManager = null, CancellationToken ct = default) =>
        await SendAsync<T>(HttpMethod.Put, kind.ObjectPath(name, ns) + new QueryString().Add("fieldManager", fieldManager), JsonBody(body), ct);

    public async Task<T> ReplaceStatusAsync<T>(ResourceKind kind, T body, string name, string? ns = null, string? fieldManager = null, CancellationToken ct = default) =>
        await SendAsync<T>(HttpMethod.Put, kind.ObjectPath(name, ns, "status") + new QueryString().Add("fieldManager", fieldManager), JsonBody(body), ct);

    public Task<T> PatchAsync<T>(
        ResourceKind kind, V1Patch patch, string name, string? ns = null, string? fieldManager = null, bool? force = null, CancellationToken ct = default) =>
        PatchPathAsync<T>(kind.ObjectPath(name, ns), patch, fieldManager, force, ct);

    public Task<T> PatchStatusAsync<T>(
        ResourceKind kind, V1Patch patch, string name, string? ns = null, string? fieldManager = null, bool? force = null, CancellationToken ct = default) =>
        PatchPathAsync<T>(kind.ObjectPath(name, ns, "status"), patch, fieldManager, force, ct);

    public async Task<V1Status> DeleteAsync(ResourceKind kind, string name, string? ns = null, string? propagationPolicy = null, CancellationToken ct = default)
    {
        var path = kind.ObjectPath(name, ns) + new QueryString().Add("propagationPolicy", propagationPolicy);
        var body = await SendAsync<JsonElement>(HttpMethod.Delete, path, content: null, ct);
        // Depending on kind and finalizers the server answers with a Status or with the object itself.
        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("kind", out var k) && k.GetString() == "Status")
        {
            return KubernetesJson.Deserialize<V1Status>(body);
        }

        var uid = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("metadata", out var meta) && meta.TryGetProperty("uid", out var u)
            ? u.GetString()
            : null;
        return new V1Status
        {
            Status = "Success",
            Code = (int)HttpStatusCode.OK,
            Details = new V1StatusDetails { Name = name, Group = kind.Group, Kind = kind.Plural, Uid = uid },
        };
    }

    public void Dispose() => _http.Dispose();

    private async Task<T> PatchPathAsync<T>(string objectPath, V1Patch patch, string? fieldManager, bool? force, CancellationToken ct)
    {
        if (patch.Type == V1Patch.PatchType.ApplyPatch && string.IsNullOrEmpty(fieldManager))
        {
            throw new ArgumentException("server-side apply needs a fieldManager", nameof(fieldManager));
        }

        var path = objectPath + new QueryString()
            .Add("fieldManager", fieldManager)
            .Add("force", force is { } f ? (f ? "true" : "false") : null);
        var content = new StringContent(patch.Serialize(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(patch.ContentType);
        return await SendAsync<T>(HttpMethod.Patch, path, content, ct);
    }

    private static StringContent JsonBody<T>(T body) => new(KubernetesJson.Serialize(body), Encoding.UTF8, JsonMediaType);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_config.HttpClientTimeout);
        try
        {
            using var request = NewRequest(method, path, content);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
            await ThrowIfFailedAsync(method, path, response, timeout.Token);
            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            return await JsonSerializer.DeserializeAsync<T>(stream, KubernetesJson.Options, timeout.Token)
                ?? throw new JsonException($"{method} {path} returned an empty body");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"{method} {path}: the API server at {BaseUri} did not answer within {_config.HttpClientTimeout.TotalSeconds:0.#} s (HttpClientTimeout)");
        }
    }

    private HttpRequestMessage NewRequest(HttpMethod method, string path, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, path.TrimStart('/')) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(JsonMediaType));
        if (_config.TlsServerName is { } serverName)
        {
            request.Headers.Host = serverName;
        }

        var token = _tokenFile?.Current() ?? _config.AccessToken;
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    private static async Task ThrowIfFailedAsync(HttpMethod method, string path, HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var text = await response.Content.ReadAsStringAsync(ct);
        throw new HttpOperationException(method, path, response.StatusCode, StatusFromBody(text, response));
    }

    private static V1Status StatusFromBody(string text, HttpResponseMessage response)
    {
        try
        {
            var status = KubernetesJson.Deserialize<V1Status>(text);
            if (status.Kind == "Status")
            {
                return status;
            }
        }
        catch (JsonException)
        {
            // Not a Status body (a proxy's HTML page, plain text): describe it below.
        }

        return new V1Status
        {
            Status = "Failure",
            Code = (int)response.StatusCode,
            Reason = response.ReasonPhrase,
            Message = text.Length > 500 ? text[..500] : text,
        };
    }
}
