using Haystack.Hosting;
using Microsoft.AspNetCore.Http;

namespace Haystack.Directory.Http;

/// <summary>The HTTP status for each <see cref="DirectoryFailure"/>, and the directory's <see cref="ErrorResponses"/>.</summary>
internal static class HttpFailureStatus
{
    /// <summary>A <see cref="DirectoryException"/> gets <see cref="For"/>; every 4xx counts as a rejected request.</summary>
    public static ErrorResponseRules Rules(DirectoryStats stats) => new("directory")
    {
        StatusOf = e => e is DirectoryException directory ? For(directory.Failure) : null,
        BadRequestNote = " Nothing was stored.",
        Rejected = stats.RecordRejected,
    };

    public static int For(DirectoryFailure failure) => failure switch
    {
        DirectoryFailure.InvalidArgument => StatusCodes.Status400BadRequest,
        DirectoryFailure.NotFound => StatusCodes.Status404NotFound,
        DirectoryFailure.TooLarge => StatusCodes.Status413PayloadTooLarge,
        DirectoryFailure.KeyTaken => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status503ServiceUnavailable,
    };
}
