using System.Net.Http.Json;
using System.Text.Json;
using Haystack.Protocol;
using Haystack.Storage;

namespace Haystack.Store;

/// <summary>
/// Rebuilds a replica by pulling it from a healthy peer: the peer's status, then its data file
/// (<c>GET /volumes/{id}/stream</c>) straight into <see cref="VolumeSet.ImportAsync"/>, so the bytes travel one
/// hop and never through the operator that asked. The copy is kept only when it verifies and matches what the
/// peer reported before the stream began (size, live and garbage needles): a peer that took a write or a delete
/// meanwhile makes the pull fail, and the caller tries again. A read-only source gives a read-only copy. The peer's
/// status and stream need the write key, which this store presents as every server calling another does; an https
/// peer must chain to the store's <c>--tls-ca</c>, as every caller in the cluster checks its servers.
/// </summary>
public sealed class VolumePull(VolumeSet volumes, StoreOptions options) : IDisposable
{
    /// <summary>Bounds reaching the peer and its answer's headers; the stream itself runs as long as the caller waits.</summary>
    public static readonly TimeSpan PeerTimeout = TimeSpan.FromSeconds(30);

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly HttpClient _peers = CreatePeers(options.TrustedCa, options.Keys);

    public async Task<Volume> PullAsync(uint volumeId, string from, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(from, UriKind.Absolute, out var peer) || peer.Scheme is not ("http" or "https"))
        {
            throw new StoreException(StoreFailure.InvalidArgument, $"Pull of volume {volumeId}: from='{from}' is not an http(s) URL of a store.");
        }
        if (volumes.Holds(volumeId))
        {
            throw new StoreException(StoreFailure.VolumeExists, $"Volume {volumeId} already exists on this store; delete it first to pull it again.");
        }
        var source = await ReadStatusAsync(peer, volumeId, cancellationToken);
        using var response = await SendAsync(peer, $"volumes/{volumeId}/stream", volumeId, cancellationToken);
        if (response.Content.Headers.ContentLength is not { } length)
        {
            throw PeerFailed(peer, volumeId, "its stream has no Content-Length");
        }
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        Volume volume;
        try
        {
            volume = await volumes.ImportAsync(volumeId, body, length, cancellationToken, copy => Difference(source, copy));
        }
        catch (StoreException e) when (e.Failure == StoreFailure.InvalidArgument)
        {
            throw PeerFailed(peer, volumeId, e.Message);
        }
        catch (HttpRequestException e)
        {
            throw PeerFailed(peer, volumeId, $"the stream broke off ({e.Message}); nothing was imported");
        }
        if (source.ReadOnly)
        {
            await volumes.MarkReadOnlyAsync(volumeId);
        }
        return volume;
    }

    /// <summary>Why the verified copy is not the volume the peer described, or null when it is.</summary>
    private static string? Difference(VolumeStatus source, VolumeStats copy) =>
        copy.SizeBytes == source.SizeBytes && copy.NeedleCount == source.NeedleCount && copy.GarbageNeedleCount == source.GarbageNeedleCount
            ? null
            : $"the source changed during the copy (it reported {source.SizeBytes} bytes, {source.NeedleCount} live and {source.GarbageNeedleCount} " +
              $"garbage needles; the copy has {copy.SizeBytes}, {copy.NeedleCount} and {copy.GarbageNeedleCount}); pull again";

    private async Task<VolumeStatus> ReadStatusAsync(Uri peer, uint volumeId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(peer, $"volumes/{volumeId}", volumeId, cancellationToken);
        try
        {
            return await response.Content.ReadFromJsonAsync<VolumeStatus>(Json, cancellationToken)
                ?? throw PeerFailed(peer, volumeId, "its volume status is empty");
        }
        catch (JsonException e)
        {
            throw PeerFailed(peer, volumeId, $"its volume status is not JSON ({e.Message})");
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Uri peer, string path, uint volumeId, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _peers.GetAsync(new Uri(peer, path), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw PeerFailed(peer, volumeId, $"it could not be reached ({e.Message})");
        }
        if (!response.IsSuccessStatusCode)
        {
            var error = await response.Content.ReadAsStringAsync(cancellationToken);
            response.Dispose();
            throw PeerFailed(peer, volumeId, $"GET /{path} answered {(int)response.StatusCode}: {error}");
        }
        return response;
    }

    public void Dispose() => _peers.Dispose();

    private static HttpClient CreatePeers(TrustedAuthority? authority, AccessKeys keys)
    {
        var handler = new SocketsHttpHandler();
        authority?.Apply(handler);
        return new HttpClient(KeyPresenter.Wrap(handler, keys)) { Timeout = PeerTimeout };
    }

    private static StoreException PeerFailed(Uri peer, uint volumeId, string why) =>
        new(StoreFailure.PeerFailed, $"Pull of volume {volumeId} from {peer}: {why}");
}
