using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Haystack.Protocol;

namespace Haystack.Operator.Volumes;

/// <summary>
/// Every call the operator makes to a store pod, over one HttpClient whose connections honour
/// <see cref="PodEndpoints"/> (cluster DNS, or a host map in tests). Calls are short: a store that does not answer
/// in <see cref="Timeout"/> is reported as a <see cref="StoreCallException"/>, which the steps record, so one
/// stuck pod never holds up a reconcile. A cluster with TLS gets its calls over https, on a client of their own that
/// trusts only the cluster's CA (<see cref="WithTls"/>).
/// </summary>
public sealed class StoreCalls : IDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(3);

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static readonly Lazy<StoreCalls> Process = new(() => new StoreCalls(PodEndpoints.FromEnvironment()));

    /// <summary>How long a replica copy may take: a 30 GiB volume at 50 MB/s, with room to spare.</summary>
    public static readonly TimeSpan CopyTimeout = TimeSpan.FromMinutes(30);

    private readonly HttpClient _http;
    private readonly PodEndpoints _endpoints;
    private readonly AuthenticationHeaderValue? _key;
    private readonly bool _ownsClient;
    private readonly bool _https;

    /// <summary>One client per CA (by its PEM text), shared by every view of the process's calls, so connections are reused across reconciles.</summary>
    private readonly ConcurrentDictionary<string, HttpClient> _secureClients;

    public StoreCalls(PodEndpoints endpoints, TimeSpan? timeout = null)
    {
        Timeout = timeout ?? DefaultTimeout;
        _endpoints = endpoints;
        _http = CreateClient(endpoints, Timeout, authority: null);
        _secureClients = new ConcurrentDictionary<string, HttpClient>(StringComparer.Ordinal);
        _ownsClient = true;
    }

    private StoreCalls(StoreCalls calls, HttpClient http, bool https, AuthenticationHeaderValue? key)
    {
        (Timeout, _endpoints, _secureClients) = (calls.Timeout, calls._endpoints, calls._secureClients);
        (_http, _https, _key) = (http, https, key);
    }

    /// <summary>The calls of this process, reaching pods as <see cref="PodEndpoints.FromEnvironment"/> says.</summary>
    public static StoreCalls FromEnvironment => Process.Value;

    public TimeSpan Timeout { get; }

    /// <summary><c>GET /stats</c>: the store's volumes and the ones that failed to open.</summary>
    public async Task<StoreReport> ReportAsync(Uri store, CancellationToken cancellationToken)
    {
        var stats = await SendAsync<StatsBody>(store, HttpMethod.Get, "stats", HttpStatusCode.OK, "report its volumes", cancellationToken);
        var failed = (stats.FailedVolumes ?? []).ToDictionary(f => uint.Parse(f.Key, NumberStyles.None, CultureInfo.InvariantCulture), f => f.Value);
        return new StoreReport(stats.Volumes ?? [], failed);
    }

    /// <summary>
    /// <c>POST /volumes/{id}?replicas=N</c>. Idempotent: a store that already has the volume (409) answers with
    /// its status, so a reconcile cut short after some stores created it can simply ask again.
    /// </summary>
    public async Task<VolumeStatus> CreateVolumeAsync(Uri store, uint volumeId, int replicas, CancellationToken cancellationToken)
    {
        var what = $"create volume {volumeId}";
        var path = string.Create(CultureInfo.InvariantCulture, $"volumes/{volumeId}?replicas={replicas}");
        try
        {
            return await SendAsync<VolumeStatus>(store, HttpMethod.Post, path, HttpStatusCode.Created, what, cancellationToken);
        }
        catch (StoreCallException e) when (e.Status == HttpStatusCode.Conflict)
        {
            return await SendAsync<VolumeStatus>(store, HttpMethod.Get, $"volumes/{volumeId}", HttpStatusCode.OK, what, cancellationToken);
        }
    }

    /// <summary><c>POST /volumes/{id}/readonly</c>: one way and durable on the store.</summary>
    public Task<VolumeStatus> MarkReadOnlyAsync(Uri store, uint volumeId, CancellationToken cancellationToken) =>
        SendAsync<VolumeStatus>(store, HttpMethod.Post, $"volumes/{volumeId}/readonly", HttpStatusCode.OK, $"mark volume {volumeId} read-only", cancellationToken);

    /// <summary><c>GET /volumes/{id}</c>: one volume's figures, to compare a copy with its source.</summary>
    public Task<VolumeStatus> VolumeStatusAsync(Uri store, uint volumeId, CancellationToken cancellationToken) =>
        SendAsync<VolumeStatus>(store, HttpMethod.Get, $"volumes/{volumeId}", HttpStatusCode.OK, $"report volume {volumeId}", cancellationToken);

    /// <summary>
    /// <c>POST /volumes/{id}/pull?from=</c>: the store at <paramref name="target"/> copies the volume from
    /// <paramref name="source"/> and verifies it; blocks until done, up to <see cref="CopyTimeout"/>. The source is named
    /// as this process reaches it (through the host map, if any), which is how the stores reach each other too.
    /// </summary>
    public Task<VolumeStatus> PullVolumeAsync(Uri target, uint volumeId, Uri source, CancellationToken cancellationToken)
    {
        var peer = _endpoints.Resolve(source.Host, source.Port);
        var from = new UriBuilder(Address(source)) { Host = peer.Host, Port = peer.Port }.Uri;
        var path = $"volumes/{volumeId}/pull?from={Uri.EscapeDataString(from.ToString())}";
        return SendAsync<VolumeStatus>(target, HttpMethod.Post, path, HttpStatusCode.Created, $"copy volume {volumeId} from {source.Host}", cancellationToken, CopyTimeout);
    }

    /// <summary><c>DELETE /volumes/{id}</c>: drops a replica that lives elsewhere now. A store without it (404) is done already.</summary>
    public async Task DeleteVolumeAsync(Uri store, uint volumeId, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync<JsonElement?>(store, HttpMethod.Delete, $"volumes/{volumeId}", HttpStatusCode.NoContent, $"delete volume {volumeId}", cancellationToken);
        }
        catch (StoreCallException e) when (e.Status == HttpStatusCode.NotFound)
        {
        }
    }

    /// <summary>
    /// The same calls presenting <paramref name="key"/> (the cluster's write key) as <c>Authorization: Bearer</c>, over
    /// the same connections: one operator serves clusters with different keys. Null: no key.
    /// </summary>
    public StoreCalls WithKey(string? key) => key is null ? this : new StoreCalls(this, _http, _https, new AuthenticationHeaderValue("Bearer", key));

    /// <summary>
    /// The same calls over https (store URLs are rendered http by the fleet; the scheme is this view's), accepting only
    /// store certificates that chain to <paramref name="authorityPem"/> and name the pod called.
    /// </summary>
    /// <exception cref="ArgumentException">The PEM holds no certificate; the message names <paramref name="source"/>.</exception>
    public StoreCalls WithTls(string authorityPem, string source)
    {
        var authority = TrustedAuthority.FromPem(authorityPem, source);
        var http = _secureClients.GetOrAdd(authorityPem, _ => CreateClient(_endpoints, Timeout, authority));
        return new StoreCalls(this, http, https: true, _key);
    }

    public void Dispose()
    {
        if (_ownsClient)
        {
            _http.Dispose();
            foreach (var client in _secureClients.Values)
            {
                client.Dispose();
            }
        }
    }

    // Each call bounds itself (a copy takes far longer than a report), so the client has no timeout of its own.
    private static HttpClient CreateClient(PodEndpoints endpoints, TimeSpan connectTimeout, TrustedAuthority? authority)
    {
        var handler = endpoints.CreateHandler(connectTimeout);
        authority?.Apply(handler);
        return new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    private Uri Address(Uri store) => _https && store.Scheme == Uri.UriSchemeHttp ? new UriBuilder(store) { Scheme = Uri.UriSchemeHttps }.Uri : store;

    private async Task<T> SendAsync<T>(
        Uri store, HttpMethod method, string path, HttpStatusCode expected, string what, CancellationToken cancellationToken, TimeSpan? limit = null)
    {
        var allowed = limit ?? Timeout;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(allowed);
        try
        {
            using var request = new HttpRequestMessage(method, new Uri(Address(store), path));
            request.Headers.Authorization = _key;
            using var response = await _http.SendAsync(request, timeout.Token);
            if (response.StatusCode != expected)
            {
                var error = await ReadErrorAsync(response, timeout.Token);
                throw new StoreCallException($"{store.Host} could not {what}: {(int)response.StatusCode} {error}", response.StatusCode);
            }
            if (expected == HttpStatusCode.NoContent)
            {
                return default!;
            }
            return await response.Content.ReadFromJsonAsync<T>(Json, timeout.Token)
                ?? throw new StoreCallException($"{store.Host} answered '{what}' with an empty body");
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StoreCallException($"{store.Host} did not answer '{what}' within {allowed.TotalSeconds:0.#} s", inner: e);
        }
        catch (HttpRequestException e)
        {
            throw new StoreCallException($"{store.Host} is unreachable ({what}): {e.Message}", inner: e);
        }
        catch (JsonException e)
        {
            throw new StoreCallException($"{store.Host} answered '{what}' with unreadable JSON: {e.Message}", inner: e);
        }
    }

    private static async Task<string> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            return JsonSerializer.Deserialize<ErrorBody>(body, Json)?.Error ?? body;
        }
        catch (JsonException)
        {
            return body;
        }
    }

    private sealed record StatsBody(IReadOnlyList<VolumeStatus>? Volumes, Dictionary<string, string>? FailedVolumes);
}
