namespace Haystack.Store.Http;

/// <summary>Route values as ids, refusing malformed ones with a message (HTTP 400 / gRPC INVALID_ARGUMENT).</summary>
internal static class RouteValues
{
    public static PhotoId PhotoId(string text) =>
        Store.PhotoId.TryParse(text, out var id, out var problem) ? id : throw new StoreException(StoreFailure.InvalidArgument, problem);

    public static uint VolumeId(string text) =>
        uint.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new StoreException(StoreFailure.InvalidArgument, $"'{text}' is not a volume id (a decimal number from 0 to {uint.MaxValue}).");
}
