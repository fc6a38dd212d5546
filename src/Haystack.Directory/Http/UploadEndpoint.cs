using Haystack.Directory.Photos;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Haystack.Directory.Http;

/// <summary>
/// <c>POST /upload</c>: the raw body is the photo (its Content-Type is stored), or the first file of a
/// multipart form (<c>curl -F file=@cat.jpg</c>). <c>?key=&lt;hex&gt;&amp;alt=&lt;n&gt;</c> sets the caller's own key.
/// </summary>
internal static class UploadEndpoint
{
    private const int CopyChunkBytes = 64 * 1024;

    public static void MapUploadEndpoint(this IEndpointRouteBuilder routes) => routes.MapPost("/upload", UploadAsync);

    private static async Task<IResult> UploadAsync(HttpRequest request, string? key, string? alt, PhotoUploader uploader, DirectoryOptions options, CancellationToken cancellationToken)
    {
        var callerKey = RequestValues.Key(key);
        var alternateKey = RequestValues.AlternateKey(alt);
        var (data, contentType) = request.HasFormContentType
            ? await ReadFormFileAsync(request, options.MaxUploadBytes, cancellationToken)
            : (await ReadBodyAsync(request.Body, request.ContentLength, options.MaxUploadBytes, cancellationToken), request.ContentType);

        var stored = await uploader.UploadAsync(new UploadRequest(data, contentType, callerKey, alternateKey), cancellationToken);
        var id = stored.Id.ToString();
        return TypedResults.Created(stored.Url, new UploadResponse(id, stored.Url.ToString(), stored.Id.VolumeId, stored.Size));
    }

    private static async Task<(ReadOnlyMemory<byte>, string?)> ReadFormFileAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var form = await request.ReadFormAsync(cancellationToken);
        var file = form.Files.FirstOrDefault()
            ?? throw new DirectoryException(DirectoryFailure.InvalidArgument, "The multipart upload holds no file; send one file part (curl -F file=@photo.jpg).");
        await using var stream = file.OpenReadStream();
        return (await ReadBodyAsync(stream, file.Length, maxBytes, cancellationToken), file.ContentType);
    }

    /// <summary>Reads the whole body before anything is written, refusing it (413) as soon as it is known to be too large.</summary>
    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(Stream body, long? declaredLength, int maxBytes, CancellationToken cancellationToken)
    {
        if (declaredLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }
        var buffer = new MemoryStream((int)(declaredLength ?? 0));
        var chunk = new byte[CopyChunkBytes];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw TooLarge(maxBytes);
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private static DirectoryException TooLarge(int maxBytes) => new(DirectoryFailure.TooLarge,
        $"The upload is larger than {maxBytes} bytes, the most this directory accepts (--max-upload-bytes); nothing was stored.");
}
