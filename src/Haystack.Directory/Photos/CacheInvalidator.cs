using System.Net;
using Haystack.Protocol;
using Microsoft.Extensions.Logging;

namespace Haystack.Directory.Photos;

/// <summary>
/// Drops a deleted photo from the cache node that owns its id (<c>DELETE &lt;cache&gt;/&lt;photo id&gt;</c>).
/// Best effort: a node that cannot be told is logged and counted; its copy ages out of its LRU.
/// </summary>
public sealed class CacheInvalidator(HttpClient http, PhotoUrls urls, DirectoryOptions options, DirectoryStats stats, ILogger<CacheInvalidator> logger)
{
    public async Task InvalidateAsync(PhotoId id)
    {
        if (urls.CacheOwnerOf(id) is not { } node)
        {
            return;
        }
        using var deadline = new CancellationTokenSource(options.StoreTimeout);
        try
        {
            using var response = await http.DeleteAsync(new Uri(node, id.ToString()), deadline.Token);
            if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound)
            {
                return;
            }
            logger.LogWarning("Cache node {Node} answered {Status} when asked to drop {PhotoId}", node, (int)response.StatusCode, id);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            logger.LogWarning("Cache node {Node} could not be asked to drop {PhotoId}: {Error}", node, id, e.Message);
        }
        stats.RecordCacheInvalidationFailure();
    }
}
