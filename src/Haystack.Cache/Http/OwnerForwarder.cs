using Haystack.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Haystack.Cache.Http;

/// <summary>
/// Passes a request for a photo this node does not own to the node that does (one hop), so every photo is
/// cached on exactly one node however clients spread their requests. The owner's answer goes back unchanged.
/// </summary>
public sealed class OwnerForwarder(HttpClient peers, CacheTopology topology, CacheOptions options, CacheStats stats, ILogger<OwnerForwarder> logger)
{
    private static readonly string[] PassedRequestHeaders = [HeaderNames.IfNoneMatch, HeaderNames.Range, HeaderNames.IfRange];

    private static readonly string[] PassedResponseHeaders =
        [HeaderNames.ETag, HeaderNames.AcceptRanges, HeaderNames.ContentRange, HeaderNames.ContentType, PhotoHeaders.CacheStatus];

    /// <summary>Writes the owner's answer to <paramref name="context"/>; false (nothing written) when the owner did not answer in time.</summary>
    public async Task<bool> TryForwardAsync(HttpContext context, Uri owner, PhotoId id)
    {
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(owner, $"/{id}"));
        foreach (var name in PassedRequestHeaders.Append(options.CdnHeader))
        {
            if (context.Request.Headers.TryGetValue(name, out var values))
            {
                request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }
        request.Headers.TryAddWithoutValidation(CacheTopology.ForwardedHeader, topology.Self.AbsoluteUri);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        deadline.CancelAfter(options.ReplicaTimeout);
        HttpResponseMessage response;
        try
        {
            response = await peers.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !context.RequestAborted.IsCancellationRequested)
        {
            logger.LogWarning("Owner {Owner} of photo {PhotoId} did not answer ({Error}); serving it from the stores without caching", owner, id, e.Message);
            return false;
        }

        using (response)
        {
            deadline.CancelAfter(Timeout.InfiniteTimeSpan);
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var name in PassedResponseHeaders)
            {
                if (response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values))
                {
                    context.Response.Headers[name] = values.ToArray();
                }
            }
            context.Response.ContentLength = response.Content.Headers.ContentLength;
            await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
            await body.CopyToAsync(context.Response.Body, context.RequestAborted);
            stats.RecordForwarded(HttpMethods.IsGet(context.Request.Method) ? response.Content.Headers.ContentLength ?? 0 : 0);
        }
        return true;
    }
}
