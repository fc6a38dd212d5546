using Haystack.Store.Stats;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Haystack.Store.Http;

/// <summary>
/// <c>/{photoId}</c>: GET/HEAD read (ETag, If-None-Match, Range handled by ASP.NET's file result),
/// PUT/POST write, DELETE delete. Errors are thrown as <see cref="StoreException"/> and written by
/// <see cref="ErrorResponses"/>.
/// </summary>
internal static class NeedleEndpoints
{
    public static void MapNeedleEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapMethods("/{photoId}", [HttpMethods.Get, HttpMethods.Head], ReadAsync);
        routes.MapMethods("/{photoId}", [HttpMethods.Put, HttpMethods.Post], WriteAsync);
        routes.MapDelete("/{photoId}", DeleteAsync);
    }

    private static async Task<IResult> ReadAsync(string photoId, PhotoStore photos, CancellationToken cancellationToken)
    {
        var photo = await photos.ReadAsync(RequestIds.Photo(photoId), cancellationToken);
        return TypedResults.Bytes(photo.Data, photo.ContentType, enableRangeProcessing: true, entityTag: EntityTag(photo));
    }

    private static async Task<IResult> WriteAsync(
        string photoId, HttpContext context, PhotoStore photos, StoreOptions options, StoreStats stats, CancellationToken cancellationToken)
    {
        var id = RequestIds.Photo(photoId);
        photos.EnsureWritable(id);
        UploadBody body;
        try
        {
            body = await UploadBody.ReadAsync(context.Request, id, options.MaxNeedleBytes, cancellationToken);
        }
        catch (Exception e)
        {
            // Refused before reading (411, 413), or the client cut or stalled the body: either way nothing is stored.
            stats.Record(StoreOperation.Write, e is StoreException ? RequestOutcome.Rejected : RequestOutcome.Aborted, 0, TimeSpan.Zero);
            throw;
        }

        using (body)
        {
            var written = await photos.WriteAsync(id, body.Memory, context.Request.ContentType, cancellationToken);
            context.Response.Headers.ETag = EntityTag(written).ToString();
            return TypedResults.Created($"/{id}", new WriteResult(id.ToString(), body.Length, written.ETag));
        }
    }

    private static async Task<IResult> DeleteAsync(string photoId, PhotoStore photos, CancellationToken cancellationToken)
    {
        await photos.DeleteAsync(RequestIds.Photo(photoId), cancellationToken);
        return TypedResults.NoContent();
    }

    private static EntityTagHeaderValue EntityTag(PhotoContent photo) => new($"\"{photo.ETag}\"");
}
