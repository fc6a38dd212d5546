using Haystack.Protocol;
using Haystack.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Haystack.Cache.Http;

/// <summary>
/// <c>/{photoId}</c>: GET/HEAD serve a photo (ETag, If-None-Match 304, Range, <c>X-Cache</c>); DELETE drops it
/// (the Directory calls this after deleting a photo). A photo another node owns is passed to that node; when it
/// does not answer, this node reads the stores itself but does not cache, so each photo lives on one node only.
/// </summary>
internal static class PhotoEndpoints
{
    public static void MapPhotoEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapMethods("/{photoId}", [HttpMethods.Get, HttpMethods.Head], ReadAsync).AllowReads();
        routes.MapDelete("/{photoId}", DeleteAsync);
    }

    private static async Task ReadAsync(
        string photoId, HttpContext context, CacheTopology topology, PhotoReader reader, OwnerForwarder forwarder, CacheOptions options, CacheStats stats)
    {
        if (!PhotoId.TryParse(photoId, out var id, out var problem))
        {
            await ErrorResponses.WriteAsync(context, StatusCodes.Status400BadRequest, problem);
            return;
        }
        var owned = topology.Owns(id);
        if (!owned && !context.Request.Headers.ContainsKey(CacheTopology.ForwardedHeader))
        {
            if (await forwarder.TryForwardAsync(context, topology.OwnerOf(id), id))
            {
                return;
            }
            stats.RecordOwnerUnreachable();
        }

        var fromCdn = context.Request.Headers.ContainsKey(options.CdnHeader);
        var read = await reader.ReadAsync(id, fromCdn, mayCache: owned, context.RequestAborted);
        if (read.Photo is not { } photo)
        {
            if (read.IsNotFound)
            {
                stats.RecordNotFound();
                // One answer for a missing photo, a wrong cookie and an unknown volume: a 404 is never a hint.
                await ErrorResponses.WriteAsync(context, StatusCodes.Status404NotFound, $"Photo {id} was not found.");
            }
            else
            {
                stats.RecordUnavailable();
                await ErrorResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, read.Error!);
            }
            return;
        }

        context.Response.Headers[PhotoHeaders.CacheStatus] = read.Hit ? "HIT" : "MISS";
        var result = TypedResults.Bytes(photo.Data, photo.ContentType, enableRangeProcessing: true, entityTag: new EntityTagHeaderValue($"\"{photo.ETag}\""));
        await result.ExecuteAsync(context);
        var sent = HttpMethods.IsGet(context.Request.Method) && context.Response.StatusCode is StatusCodes.Status200OK or StatusCodes.Status206PartialContent
            ? context.Response.ContentLength ?? 0
            : 0;
        if (read.Hit)
        {
            stats.RecordHit(sent);
        }
        else
        {
            stats.RecordMiss(sent);
        }
    }

    private static async Task DeleteAsync(string photoId, HttpContext context, CacheTopology topology, PhotoReader reader, OwnerForwarder forwarder)
    {
        if (!PhotoId.TryParse(photoId, out var id, out var problem))
        {
            await ErrorResponses.WriteAsync(context, StatusCodes.Status400BadRequest, problem);
            return;
        }
        reader.Invalidate(id);
        if (!topology.Owns(id) && !context.Request.Headers.ContainsKey(CacheTopology.ForwardedHeader))
        {
            var owner = topology.OwnerOf(id);
            if (!await forwarder.TryForwardAsync(context, owner, id))
            {
                await ErrorResponses.WriteAsync(context, StatusCodes.Status502BadGateway,
                    $"Photo {id} was dropped here, but its owning cache node {owner} did not answer; retry the delete there.");
            }
            return;
        }
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }
}
