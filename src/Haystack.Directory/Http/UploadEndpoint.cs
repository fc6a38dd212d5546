using Haystack.Directory.Photos;
using Haystack.Hosting.Uploads;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Haystack.Directory.Http;

/// <summary>
/// <c>POST /upload</c>: the raw body is the photo (its Content-Type is stored), or the first file of a
/// multipart form (<c>curl -F file=@cat.jpg</c>). <c>?key=&lt;hex&gt;&amp;alt=&lt;n&gt;</c> sets the caller's own key.
/// Either way the photo is read whole before any replica is written, into a buffer that grows within the directory's
/// <see cref="UploadMemoryBudget"/>; a multipart form is read as a stream (no temporary files, which a read-only root
/// file system would refuse).
/// </summary>
internal static class UploadEndpoint
{
    public static void MapUploadEndpoint(this IEndpointRouteBuilder routes) => routes.MapPost("/upload", UploadAsync);

    private static async Task<IResult> UploadAsync(
        HttpContext context, string? key, string? alt, PhotoUploader uploader, DirectoryOptions options, UploadMemoryBudget budget, CancellationToken cancellationToken)
    {
        var callerKey = RequestValues.Key(key);
        var alternateKey = RequestValues.AlternateKey(alt);
        var request = context.Request;
        if (request.ContentLength > options.MaxUploadBytes)
        {
            throw TooLarge(options.MaxUploadBytes);
        }
        if (request.HasFormContentType && !MultipartRequest.IsMultipart(request.ContentType))
        {
            throw new BadHttpRequestException(
                "A url-encoded form cannot carry a photo; send its bytes as the body, or one file in multipart/form-data (curl -F file=@photo.jpg).",
                StatusCodes.Status415UnsupportedMediaType);
        }

        var (body, contentType) = MultipartRequest.IsMultipart(request.ContentType)
            ? await ReadFormFileAsync(context, options, budget, cancellationToken)
            : (await ReadAsync(context, request.Body, request.ContentLength, options, budget, cancellationToken), request.ContentType);
        using (body)
        {
            var stored = await uploader.UploadAsync(new UploadRequest(body.Memory, contentType, callerKey, alternateKey), cancellationToken);
            return TypedResults.Created(stored.Url, new UploadResponse(stored.Id.ToString(), stored.Url.ToString(), stored.Id.VolumeId, stored.Size));
        }
    }

    /// <summary>The first file part of the form, read as it streams by; parts before it are skipped unread.</summary>
    private static async Task<(UploadBuffer, string?)> ReadFormFileAsync(
        HttpContext context, DirectoryOptions options, UploadMemoryBudget budget, CancellationToken cancellationToken)
    {
        var reader = new MultipartReader(MultipartRequest.Boundary(context.Request.ContentType!), context.Request.Body);
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && disposition.IsFileDisposition())
            {
                return (await ReadAsync(context, section.Body, null, options, budget, cancellationToken), section.ContentType);
            }
            await section.Body.CopyToAsync(Stream.Null, cancellationToken);
        }
        throw new DirectoryException(DirectoryFailure.InvalidArgument, "The multipart upload holds no file; send one file part (curl -F file=@photo.jpg).");
    }

    /// <summary>Reads the whole body before anything is written, refusing it (413) as soon as it is known to be too large.</summary>
    private static async Task<UploadBuffer> ReadAsync(
        HttpContext context, Stream body, long? declaredLength, DirectoryOptions options, UploadMemoryBudget budget, CancellationToken cancellationToken)
    {
        UploadBuffer read;
        try
        {
            // One byte more than the limit, so that a longer body is known to be too long.
            read = await UploadBuffer.ReadAsync(context, body, declaredLength, options.MaxUploadBytes + 1, budget, options.UploadStallLimit, cancellationToken);
        }
        catch (UploadMemoryExhaustedException e)
        {
            throw new DirectoryException(DirectoryFailure.Unavailable, e.Message, e);
        }
        if (read.Length > options.MaxUploadBytes)
        {
            read.Dispose();
            throw TooLarge(options.MaxUploadBytes);
        }
        return read;
    }

    private static DirectoryException TooLarge(int maxBytes) => new(DirectoryFailure.TooLarge,
        $"The upload is larger than {maxBytes} bytes, the most this directory accepts (--max-upload-bytes); nothing was stored.");
}
