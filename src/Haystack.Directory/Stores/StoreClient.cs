using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Haystack.Protocol;

namespace Haystack.Directory.Stores;

/// <summary>
/// The Directory's calls to Store servers over their HTTP API (docs/store-api.md). Every call is bounded by
/// <paramref name="timeout"/>; a refusal or an unreachable store surfaces as a <see cref="StoreCallException"/>
/// naming the store, the status and the store's own message.
/// </summary>
public sealed partial class StoreClient(HttpClient http, TimeSpan timeout)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Writes a needle; returns once the store made it durable.</summary>
    public async Task PutNeedleAsync(Uri store, PhotoId id, ReadOnlyMemory<byte> data, string? contentType, CancellationToken cancellationToken)
    {
        using var content = new ReadOnlyMemoryContent(data);
        if (contentType is not null)
        {
            // Passed on verbatim: the store validates and keeps it.
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(store, id.ToString())) { Content = content };
        using var response = await SendAsync(store, request, $"write {id}", cancellationToken);
        await EnsureAsync(store, response, HttpStatusCode.Created, $"write {id}", cancellationToken);
    }

    /// <summary>Flags a needle deleted; false when the store does not have it (or the cookie is wrong).</summary>
    public async Task<bool> DeleteNeedleAsync(Uri store, PhotoId id, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri(store, id.ToString()));
        using var response = await SendAsync(store, request, $"delete {id}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        await EnsureAsync(store, response, HttpStatusCode.NoContent, $"delete {id}", cancellationToken);
        return true;
    }

    /// <summary>Creates an empty physical volume that records <paramref name="replicaCount"/> in its superblock.</summary>
    public async Task<VolumeStatus> CreateVolumeAsync(Uri store, uint volumeId, int replicaCount, CancellationToken cancellationToken)
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"volumes/{volumeId}?replicas={replicaCount}");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(store, path));
        using var response = await SendAsync(store, request, $"create volume {volumeId}", cancellationToken);
        await EnsureAsync(store, response, HttpStatusCode.Created, $"create volume {volumeId}", cancellationToken);
        return await ReadAsync<VolumeStatus>(store, response, $"create volume {volumeId}", cancellationToken);
    }

    /// <summary>Every open volume on the store with its size figures and read-only flag.</summary>
    public async Task<IReadOnlyList<VolumeStatus>> ListVolumesAsync(Uri store, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(store, "volumes"));
        using var response = await SendAsync(store, request, "list volumes", cancellationToken);
        await EnsureAsync(store, response, HttpStatusCode.OK, "list volumes", cancellationToken);
        return (await ReadAsync<VolumeList>(store, response, "list volumes", cancellationToken)).Volumes;
    }

    /// <summary>Marks a physical volume read-only (durable on the store, one way).</summary>
    public async Task MarkReadOnlyAsync(Uri store, uint volumeId, CancellationToken cancellationToken)
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"volumes/{volumeId}/readonly");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(store, path));
        using var response = await SendAsync(store, request, $"mark volume {volumeId} read-only", cancellationToken);
        await EnsureAsync(store, response, HttpStatusCode.OK, $"mark volume {volumeId} read-only", cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(Uri store, HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            // Buffer the (small) answer inside the deadline, so a store that stalls mid-response times out too.
            return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StoreCallException(store, null, $"Store {store} did not answer '{what}' within {timeout.TotalSeconds:0.#} s.", e);
        }
        catch (HttpRequestException e)
        {
            throw new StoreCallException(store, null, $"Store {store} is unreachable for '{what}': {e.Message}", e);
        }
    }

    private static async Task EnsureAsync(Uri store, HttpResponseMessage response, HttpStatusCode expected, string what, CancellationToken cancellationToken)
    {
        if (response.StatusCode == expected)
        {
            return;
        }
        var (detail, code) = await ErrorDetailAsync(response, cancellationToken);
        throw new StoreCallException(store, response.StatusCode,
            $"Store {store} refused '{what}' with {(int)response.StatusCode} {response.ReasonPhrase}: {detail}", code: code);
    }

    private static async Task<(string Detail, string? Code)> ErrorDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            return JsonSerializer.Deserialize<ErrorBody>(body) is { } error ? (error.Error, error.Code) : (body, null);
        }
        catch (JsonException)
        {
            return (body.Length == 0 ? "no message" : body, null);
        }
    }

    private static async Task<T> ReadAsync<T>(Uri store, HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
                ?? throw new JsonException("the body is null");
        }
        catch (JsonException e)
        {
            throw new StoreCallException(store, response.StatusCode, $"Store {store} answered '{what}' with a body that is not what a store sends: {e.Message}", e);
        }
    }

    private sealed record VolumeList(IReadOnlyList<VolumeStatus> Volumes);
}
