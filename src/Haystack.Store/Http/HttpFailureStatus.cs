using Haystack.Hosting;
using Microsoft.AspNetCore.Http;

namespace Haystack.Store.Http;

/// <summary>The HTTP status for each <see cref="StoreFailure"/> (the table in docs/store-api.md).</summary>
internal static class HttpFailureStatus
{
    /// <summary>The store's <see cref="ErrorResponses"/>: a <see cref="StoreException"/> gets <see cref="For"/>; a bad request stored nothing.</summary>
    public static readonly ErrorResponseRules Rules = new("store")
    {
        StatusOf = e => e is StoreException store ? For(store.Failure) : null,
        BadRequestNote = " Nothing was stored.",
    };

    public static int For(StoreFailure failure) => failure switch
    {
        StoreFailure.InvalidArgument => StatusCodes.Status400BadRequest,
        StoreFailure.NeedleNotFound or StoreFailure.VolumeNotFound => StatusCodes.Status404NotFound,
        StoreFailure.VolumeExists or StoreFailure.ReadOnly => StatusCodes.Status409Conflict,
        StoreFailure.LengthRequired => StatusCodes.Status411LengthRequired,
        StoreFailure.TooLarge => StatusCodes.Status413PayloadTooLarge,
        StoreFailure.VolumeFull => StatusCodes.Status507InsufficientStorage,
        StoreFailure.Unavailable => StatusCodes.Status503ServiceUnavailable,
        StoreFailure.PeerFailed => StatusCodes.Status502BadGateway,
        _ => StatusCodes.Status500InternalServerError,
    };
}
