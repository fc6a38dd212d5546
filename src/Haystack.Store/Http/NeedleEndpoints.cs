using Haystack.Hosting;
using Haystack.Hosting.Uploads;
using Haystack.Store.Stats;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace Haystack.Store.Http;

/// <summary>
/// <c>/{photoId}</c>: GET/HEAD read (ETag; preconditions and Range handled by ASP.NET's file result),
/// PUT/POST write, DELETE delete. Errors are thrown as <see cref="StoreException"/> and written by
/// <see cref="ErrorResponses"/>.
/// </summary>
internal static class NeedleEndpoints
{
    public static void MapNeedleEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapMethods("/{photoId}", [HttpMethods.Get, HttpMethods.Head], (RequestDelegate)ReadAsync).AllowReads();
        routes.MapMethods("/{photoId}", [HttpMethods.Put, HttpMethods.Post], WriteAsync);
        routes.MapDelete("/{photoId}", DeleteAsync);
    }

    /// <summary>
    /// The hot path. A plain GET gets its headers set and the needle's bytes written straight from the read buffer;
    /// a request with preconditions or a Range goes through ASP.NET's file result, which implements RFC 9110 for them.
    /// </summary>
    private static async Task ReadAsync(HttpContext context)
    {
        var photos = context.RequestServices.GetRequiredService<PhotoStore>();
        var id = RequestIds.Photo((string)context.GetRouteValue("photoId")!);
        using var photo = await photos.ReadAsync(id, context.RequestAborted);
        var entityTag = EntityTag(photo);
        if (HasPreconditionsOrRange(context.Request.Headers))
        {
            var result = TypedResults.Bytes(photo.Data, photo.ContentType, enableRangeProcessing: true, entityTag: new EntityTagHeaderValue(entityTag));
            await result.ExecuteAsync(context);
            return;
        }
        var response = context.Response;
        response.ContentType = photo.ContentType;
        response.ContentLength = photo.Data.Length;
        response.Headers.ETag = entityTag;
        response.Headers.AcceptRanges = "bytes";
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.BodyWriter.WriteAsync(photo.Data, context.RequestAborted);
        }
    }

    private static bool HasPreconditionsOrRange(IHeaderDictionary headers) =>
        headers.IfNoneMatch.Count > 0 || headers.IfMatch.Count > 0 || headers.IfModifiedSince.Count > 0 ||
        headers.IfUnmodifiedSince.Count > 0 || headers.Range.Count > 0 || headers.IfRange.Count > 0;

    private static async Task<IResult> WriteAsync(
        string photoId, HttpContext context, PhotoStore photos, StoreOptions options, UploadMemoryBudget budget, StoreStats stats, CancellationToken cancellationToken)
    {
        var id = RequestIds.Photo(photoId);
        photos.EnsureWritable(id);
        UploadBuffer body;
        try
        {
            body = await UploadBody.ReadAsync(context, id, options, budget, cancellationToken);
        }
        catch (Exception e)
        {
            // Refused before reading (411, 413, 415), over the memory budget (503), or the client cut or stalled the body:
            // either way nothing is stored.
            stats.Record(StoreOperation.Write, e is StoreException ? RequestOutcome.Rejected : RequestOutcome.Aborted, 0, TimeSpan.Zero);
            throw;
        }

        using (body)
        {
            var written = await photos.WriteAsync(id, body.Memory, context.Request.ContentType, cancellationToken);
            context.Response.Headers.ETag = EntityTag(written);
            return TypedResults.Created($"/{id}", new WriteResult(id.ToString(), body.Length, written.ETag));
        }
    }

    private static async Task<IResult> DeleteAsync(string photoId, PhotoStore photos, CancellationToken cancellationToken)
    {
        await photos.DeleteAsync(RequestIds.Photo(photoId), cancellationToken);
        return TypedResults.NoContent();
    }

    private static string EntityTag(PhotoContent photo) => $"\"{photo.ETag}\"";
}
