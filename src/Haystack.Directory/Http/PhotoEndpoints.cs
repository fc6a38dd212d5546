using Haystack.Directory.Photos;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Haystack.Directory.Http;

/// <summary><c>DELETE /{photoId}</c>: flags the photo on every replica and drops it from its cache node.</summary>
internal static class PhotoEndpoints
{
    public static void MapPhotoEndpoints(this IEndpointRouteBuilder routes) => routes.MapDelete("/{photoId}", DeleteAsync);

    private static async Task<IResult> DeleteAsync(string photoId, PhotoDeleter deleter, CancellationToken cancellationToken)
    {
        await deleter.DeleteAsync(RequestValues.PhotoId(photoId), cancellationToken);
        return TypedResults.NoContent();
    }
}
