using Haystack.Protocol;

namespace Haystack.Store;

/// <summary>Ids as clients send them (URL segments, message fields), refusing malformed ones with a message (HTTP 400 / gRPC INVALID_ARGUMENT).</summary>
internal static class RequestIds
{
    public static PhotoId Photo(string text) =>
        PhotoId.TryParse(text, out var id, out var problem) ? id : throw new StoreException(StoreFailure.InvalidArgument, problem);

    public static uint Volume(string text) =>
        uint.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new StoreException(StoreFailure.InvalidArgument, $"'{text}' is not a volume id (a decimal number from 0 to {uint.MaxValue}).");
}
