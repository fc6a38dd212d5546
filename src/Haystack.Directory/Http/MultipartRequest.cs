using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Haystack.Directory.Http;

/// <summary>The multipart/form-data Content-Type of an upload and its boundary (RFC 2046: at most 70 characters).</summary>
internal static class MultipartRequest
{
    private const int MaxBoundaryLength = 70;

    public static bool IsMultipart(string? contentType) =>
        contentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true;

    public static string Boundary(string contentType)
    {
        var boundary = MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            ? HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value
            : null;
        if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > MaxBoundaryLength)
        {
            throw new BadHttpRequestException(
                $"The multipart upload's Content-Type '{contentType}' has no usable boundary (1 to {MaxBoundaryLength} characters).");
        }
        return boundary;
    }
}
