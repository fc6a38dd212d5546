namespace Haystack.Client.Http;

/// <summary>A cache's or store's 200 answer to <c>GET /&lt;photo id&gt;</c> as a <see cref="Photo"/>.</summary>
internal static class PhotoAnswer
{
    public static async Task<Photo> ReadAsync(PhotoId id, Endpoint server, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var data = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var cacheStatus = response.Headers.TryGetValues("X-Cache", out var values) ? string.Join(",", values) : null;
        return new Photo(id, data, response.Content.Headers.ContentType?.ToString(), response.Headers.ETag?.Tag, server.BaseUrl, cacheStatus);
    }
}
