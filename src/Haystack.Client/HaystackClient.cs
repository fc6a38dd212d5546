using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text.Json;
using Haystack.Client.Http;
using Haystack.Client.Wire;

namespace Haystack.Client;

/// <summary>
/// Uploads, reads and deletes photos in a Haystack. Uploads and deletes go through the Directory, which writes or
/// deletes every replica before it answers; reads go through the Cache, or straight to the replicas with failover.
/// Transient failures (connect errors, 429, 502, 503, 504) are retried with exponential backoff and jitter; a 4xx
/// never is. The <see cref="HttpClient"/> is the caller's (from <c>IHttpClientFactory</c>, say) and is not disposed.
/// </summary>
public sealed class HaystackClient
{
    private readonly ResilientSender _sender;
    private readonly Endpoint _directory;
    private readonly Endpoint? _cache;
    private readonly ReplicaReader _replicas;

    /// <summary>A client on <paramref name="httpClient"/>; throws <see cref="ArgumentException"/> for options that cannot work.</summary>
    public HaystackClient(HttpClient httpClient, HaystackClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _sender = new ResilientSender(httpClient, options);
        _directory = Endpoint.Of("directory", options.DirectoryUrl);
        _cache = options.CacheUrl is null ? null : Endpoint.Of("cache", options.CacheUrl);
        _replicas = new ReplicaReader(_sender, _directory, options);
    }

    /// <summary>
    /// Stores a photo on every replica of a writable volume. The body is sent from the stream's current position;
    /// a seekable stream is rewound there for each retry, a non-seekable one is tried once. A timed-out attempt is
    /// not retried (the Directory may have stored it); the stream is not disposed.
    /// </summary>
    public async Task<UploadedPhoto> UploadAsync(
        Stream content, string contentType, UploadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var type = ContentType(contentType);
        var start = content.CanSeek ? content.Position : 0;
        var mode = content.CanSeek ? RetryMode.ExceptAfterTimeout : RetryMode.Never;
        using var response = await _sender.SendAsync(_directory, HttpMethod.Post, UploadPath(options), mode, cancellationToken,
            () => new UploadContent(content, start, type));
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw await ServerAnswers.FailureAsync(_directory, response, cancellationToken);
        }
        var stored = await ServerAnswers.ReadJsonAsync<UploadAnswer>(_directory, response, cancellationToken);
        return PhotoId.TryParse(stored.Id, out var id, out var problem)
            ? new UploadedPhoto(id, stored.Url, stored.Volume, stored.Size)
            : throw new HaystackException($"the directory at {_directory.BaseUrl} answered the upload with an id this client cannot read: {problem}.",
                _directory.BaseUrl, response.StatusCode, isTransient: false);
    }

    /// <summary>Stores a photo held in memory; see <see cref="UploadAsync(Stream, string, UploadOptions?, CancellationToken)"/>.</summary>
    public async Task<UploadedPhoto> UploadAsync(
        ReadOnlyMemory<byte> data, string contentType, UploadOptions? options = null, CancellationToken cancellationToken = default)
    {
        // Over the caller's array when there is one: a photo is not copied just to be sent.
        await using var stream = MemoryMarshal.TryGetArray(data, out var array)
            ? new MemoryStream(array.Array!, array.Offset, array.Count, writable: false)
            : new MemoryStream(data.ToArray(), writable: false);
        return await UploadAsync(stream, contentType, options, cancellationToken);
    }

    /// <summary>
    /// Reads a photo through the Cache (which fails over between replicas itself), or, without a
    /// <see cref="HaystackClientOptions.CacheUrl"/>, as <see cref="GetFromReplicasAsync"/> does.
    /// Throws <see cref="PhotoNotFoundException"/> for a missing photo or a wrong cookie.
    /// </summary>
    public async Task<Photo> GetAsync(PhotoId id, CancellationToken cancellationToken = default)
    {
        if (_cache is null)
        {
            return await GetFromReplicasAsync(id, cancellationToken);
        }
        using var response = await _sender.SendAsync(_cache, HttpMethod.Get, id.ToString(), RetryMode.Always, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new PhotoNotFoundException(id, _cache.BaseUrl,
                $"photo {id} was not found: it was deleted, never uploaded, or the cookie in the id is wrong.");
        }
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw await ServerAnswers.FailureAsync(_cache, response, cancellationToken);
        }
        return await PhotoAnswer.ReadAsync(id, _cache, response, cancellationToken);
    }

    /// <summary>
    /// Reads a photo from the replicas the Directory names, bypassing the Cache: the next replica is tried when one
    /// cannot be reached, fails, or lacks the photo. Throws <see cref="PhotoNotFoundException"/> when none has it.
    /// </summary>
    public Task<Photo> GetFromReplicasAsync(PhotoId id, CancellationToken cancellationToken = default) =>
        _replicas.ReadAsync(id, cancellationToken);

    /// <summary>
    /// Deletes a photo on every replica (and drops it from the Cache). Throws <see cref="PhotoNotFoundException"/>
    /// when no replica holds it: already deleted, never uploaded, or a wrong cookie.
    /// </summary>
    public async Task DeleteAsync(PhotoId id, CancellationToken cancellationToken = default)
    {
        using var response = await _sender.SendAsync(_directory, HttpMethod.Delete, id.ToString(), RetryMode.Always, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new PhotoNotFoundException(id, _directory.BaseUrl,
                $"photo {id} was not found on any replica: already deleted, never uploaded, or a wrong id.");
        }
        if (!response.IsSuccessStatusCode)
        {
            throw await ServerAnswers.FailureAsync(_directory, response, cancellationToken);
        }
    }

    /// <summary>Where the Directory says a photo's volume lives: its state and replicas, healthy ones first.</summary>
    public async Task<VolumeLocation> LookupAsync(PhotoId id, CancellationToken cancellationToken = default)
    {
        using var response = await _sender.SendAsync(_directory, HttpMethod.Get, ReplicaReader.LookupPath(id), RetryMode.Always, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await ServerAnswers.FailureAsync(_directory, response, cancellationToken);
        }
        return (await ServerAnswers.ReadJsonAsync<LookupAnswer>(_directory, response, cancellationToken)).ToLocation();
    }

    /// <summary>The Directory's volume table.</summary>
    public async Task<IReadOnlyList<VolumeInfo>> ListVolumesAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _sender.SendAsync(_directory, HttpMethod.Get, "volumes", RetryMode.Always, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await ServerAnswers.FailureAsync(_directory, response, cancellationToken);
        }
        return (await ServerAnswers.ReadJsonAsync<VolumesAnswer>(_directory, response, cancellationToken)).Volumes;
    }

    /// <summary>Asks one store (<c>HEAD</c>, no retry) whether it holds a photo; an unreachable store is a probe without status.</summary>
    public async Task<ReplicaProbe> ProbeAsync(Uri store, PhotoId id, CancellationToken cancellationToken = default)
    {
        var server = Endpoint.Of("store", store);
        try
        {
            using var response = await _sender.SendAsync(server, HttpMethod.Head, id.ToString(), RetryMode.Never, cancellationToken);
            var holds = response.StatusCode == HttpStatusCode.OK;
            return new ReplicaProbe(server.BaseUrl, response.StatusCode,
                holds ? response.Content.Headers.ContentLength : null, holds ? response.Headers.ETag?.Tag : null);
        }
        catch (HaystackUnreachableException)
        {
            return new ReplicaProbe(server.BaseUrl, null, null, null);
        }
    }

    /// <summary>Every volume one store holds, with its garbage figures (the store's <c>GET /volumes</c>).</summary>
    public async Task<IReadOnlyList<StoreVolumeStatus>> ListStoreVolumesAsync(Uri store, CancellationToken cancellationToken = default)
    {
        var server = Endpoint.Of("store", store);
        using var response = await _sender.SendAsync(server, HttpMethod.Get, "volumes", RetryMode.Always, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await ServerAnswers.FailureAsync(server, response, cancellationToken);
        }
        return (await ServerAnswers.ReadJsonAsync<StoreVolumesAnswer>(server, response, cancellationToken)).Volumes;
    }

    /// <summary>One store's replica of a volume (<c>GET /volumes/{id}</c>); a 404 is a <see cref="HaystackException"/> with that status.</summary>
    public async Task<StoreVolumeStatus> GetStoreVolumeAsync(Uri store, uint volumeId, CancellationToken cancellationToken = default)
    {
        var server = Endpoint.Of("store", store);
        using var response = await _sender.SendAsync(server, HttpMethod.Get, VolumePath(volumeId), RetryMode.Always, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await ServerAnswers.FailureAsync(server, response, cancellationToken);
        }
        return await ServerAnswers.ReadJsonAsync<StoreVolumeStatus>(server, response, cancellationToken);
    }

    /// <summary>
    /// Compacts one store's replica of a volume online (reads and writes go on) and answers when it is done. A
    /// timed-out attempt is not retried: the store may still be compacting, and a second compaction would queue behind it.
    /// </summary>
    public async Task<CompactionReport> CompactAsync(Uri store, uint volumeId, CancellationToken cancellationToken = default)
    {
        var server = Endpoint.Of("store", store);
        using var response = await _sender.SendAsync(server, HttpMethod.Post, VolumePath(volumeId) + "/compact", RetryMode.ExceptAfterTimeout, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await ServerAnswers.FailureAsync(server, response, cancellationToken);
        }
        return await ServerAnswers.ReadJsonAsync<CompactionReport>(server, response, cancellationToken);
    }

    /// <summary>The <c>/stats</c> document of any Haystack server (directory, cache or store; each has its own fields).</summary>
    public async Task<JsonElement> GetStatsAsync(Uri server, CancellationToken cancellationToken = default)
    {
        var endpoint = Endpoint.Of("server", server);
        using var response = await _sender.SendAsync(endpoint, HttpMethod.Get, "stats", RetryMode.Always, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await ServerAnswers.FailureAsync(endpoint, response, cancellationToken);
        }
        return await ServerAnswers.ReadJsonAsync<JsonElement>(endpoint, response, cancellationToken);
    }

    private static MediaTypeHeaderValue ContentType(string contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type)
            ? type
            : throw new ArgumentException($"'{contentType}' is not a content type such as image/jpeg.", nameof(contentType));

    private static string VolumePath(uint volumeId) => string.Create(CultureInfo.InvariantCulture, $"volumes/{volumeId}");

    private static string UploadPath(UploadOptions? options)
    {
        var query = new List<string>();
        if (options?.Key is { } key)
        {
            query.Add(string.Create(CultureInfo.InvariantCulture, $"key={key:x}"));
        }
        if (options is { AlternateKey: > 0 } alternate)
        {
            query.Add(string.Create(CultureInfo.InvariantCulture, $"alt={alternate.AlternateKey}"));
        }
        return query.Count == 0 ? "upload" : "upload?" + string.Join("&", query);
    }
}
