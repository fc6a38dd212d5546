using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Haystack.Protocol;

namespace Haystack.Operator.Volumes;

/// <summary>
/// Every call the operator makes to a store pod, over one HttpClient whose connections honour
/// <see cref="PodEndpoints"/> (cluster DNS, or a host map in tests). Calls are short: a store that does not answer
/// in <see cref="Timeout"/> is reported as a <see cref="StoreCallException"/>, which the steps record, so one
/// stuck pod never holds up a reconcile.
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

    public StoreCalls(PodEndpoints endpoints, TimeSpan? timeout = null)
    {
        Timeout = timeout ?? DefaultTimeout;
        _endpoints = endpoints;
        // Each call bounds itself (a copy takes far longer than a report), so the client has no timeout of its own.
        _http = new HttpClient(endpoints.CreateHandler(Timeout)) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
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
        var from = new UriBuilder(source) { Host = peer.Host, Port = peer.Port }.Uri;
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

    public void Dispose() => _http.Dispose();

    private async Task<T> SendAsync<T>(
        Uri store, HttpMethod method, string path, HttpStatusCode expected, string what, CancellationToken cancellationToken, TimeSpan? limit = null)
    {
        var allowed = limit ?? Timeout;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(allowed);
        try
        {
            using var request = new HttpRequestMessage(method, new Uri(store, path));
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
