using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Haystack.Protocol;

namespace Haystack.Directory.Stores;

/// <summary>The store calls of scrub repair (docs/store-api.md, "Scrub and repair").</summary>
public sealed partial class StoreClient
{
    /// <summary>A volume's scrub status and the needles its store found damaged or missing.</summary>
    public async Task<ScrubReport> GetScrubAsync(Uri store, uint volumeId, CancellationToken cancellationToken)
    {
        var what = $"scrub findings of volume {volumeId}";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(store, Invariant($"volumes/{volumeId}/scrub")));
        using var response = await SendAsync(store, request, what, cancellationToken);
        await EnsureAsync(store, response, HttpStatusCode.OK, what, cancellationToken);
        return await ReadAsync<ScrubReport>(store, response, what, cancellationToken);
    }

    /// <summary>The whole stored needle, verified by the store that has it; null when it has no live needle with that id.</summary>
    public async Task<byte[]?> ReadNeedleCopyAsync(Uri store, uint volumeId, ulong key, uint alternateKey, CancellationToken cancellationToken)
    {
        var what = $"copy of needle {key}/{alternateKey} of volume {volumeId}";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(store, NeedlePath(volumeId, key, alternateKey)));
        using var response = await SendAsync(store, request, what, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        await EnsureAsync(store, response, HttpStatusCode.OK, what, cancellationToken);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    /// <summary>Has the store write a healthy copy over its damaged needle (it verifies the copy first).</summary>
    public async Task<NeedleRepairReport> RepairNeedleAsync(
        Uri store, uint volumeId, ulong key, uint alternateKey, byte[] copy, CancellationToken cancellationToken)
    {
        var what = $"repair of needle {key}/{alternateKey} of volume {volumeId}";
        using var content = new ByteArrayContent(copy);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(store, NeedlePath(volumeId, key, alternateKey))) { Content = content };
        using var response = await SendAsync(store, request, what, cancellationToken);
        await EnsureAsync(store, response, HttpStatusCode.OK, what, cancellationToken);
        return await ReadAsync<NeedleRepairReport>(store, response, what, cancellationToken);
    }

    /// <summary>
    /// Rebuilds the replica on <paramref name="target"/> whole from <paramref name="source"/>'s data file, streamed from
    /// one store to the other through the Directory (GET and PUT /volumes/{id}/stream?replace=true). Not bounded by the
    /// call timeout: a volume takes as long as its bytes take; the token stops it, and a cut copy changes nothing.
    /// </summary>
    public async Task<VolumeStatus> RebuildVolumeAsync(Uri source, Uri target, uint volumeId, CancellationToken cancellationToken)
    {
        var what = $"rebuild of volume {volumeId} from {source}";
        try
        {
            using var download = await http.GetAsync(new Uri(source, Invariant($"volumes/{volumeId}/stream")), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            await EnsureAsync(source, download, HttpStatusCode.OK, $"stream of volume {volumeId}", cancellationToken);
            await using var body = await download.Content.ReadAsStreamAsync(cancellationToken);
            using var content = new StreamContent(body, 1 << 20);
            content.Headers.ContentLength = download.Content.Headers.ContentLength;
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var upload = new HttpRequestMessage(HttpMethod.Put, new Uri(target, Invariant($"volumes/{volumeId}/stream?replace=true"))) { Content = content };
            using var response = await http.SendAsync(upload, cancellationToken);
            await EnsureAsync(target, response, HttpStatusCode.OK, what, cancellationToken);
            return await ReadAsync<VolumeStatus>(target, response, what, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new StoreCallException(target, null, $"The {what} to {target} failed: {e.Message}", e);
        }
    }

    private static string NeedlePath(uint volumeId, ulong key, uint alternateKey) => Invariant($"volumes/{volumeId}/needles/{key}/{alternateKey}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
