using Haystack.Hosting.Uploads;
using Haystack.Protocol;
using Microsoft.AspNetCore.Http;

namespace Haystack.Store.Http;

/// <summary>
/// A needle upload read whole before anything is written, so a cut or stalled upload stores nothing. Its buffer grows
/// as the bytes arrive, within the store's <see cref="UploadMemoryBudget"/> (<see cref="UploadBuffer"/>). The length
/// must be declared up front: chunked uploads get 411, which also lets an oversize body be refused (413) before a byte
/// of it is read. The store takes a needle's raw bytes: a multipart form gets 415 and goes to the directory.
/// </summary>
internal static class UploadBody
{
    public static async Task<UploadBuffer> ReadAsync(HttpContext context, PhotoId photoId, StoreOptions options, UploadMemoryBudget budget, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (request.ContentLength is not { } declared)
        {
            throw new StoreException(StoreFailure.LengthRequired,
                $"Upload of {photoId} has no Content-Length; chunked uploads are not accepted, send the length.");
        }
        if (declared > options.MaxNeedleBytes)
        {
            throw new StoreException(StoreFailure.TooLarge,
                $"Upload of {photoId} has {declared} bytes; this store accepts needles of at most {options.MaxNeedleBytes} bytes.");
        }
        if (request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) == true)
        {
            throw new BadHttpRequestException(
                $"Upload of {photoId} is a multipart form; a store takes the photo's raw bytes as the body (POST multipart forms to the directory's /upload).",
                StatusCodes.Status415UnsupportedMediaType);
        }

        try
        {
            // A short body surfaces as Kestrel's BadHttpRequestException or an abort; both leave nothing stored.
            return await UploadBuffer.ReadAsync(context, request.Body, declared, (int)declared, budget, options.UploadStallLimit, cancellationToken);
        }
        catch (UploadMemoryExhaustedException e)
        {
            throw new StoreException(StoreFailure.Unavailable, $"Upload of {photoId}: {e.Message}", e);
        }
    }
}
