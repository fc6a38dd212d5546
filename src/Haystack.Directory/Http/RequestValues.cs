using System.Globalization;
using Haystack.Protocol;

namespace Haystack.Directory.Http;

/// <summary>Parses path and query values, refusing malformed ones with a 400 that says what is expected.</summary>
internal static class RequestValues
{
    public static PhotoId PhotoId(string text) =>
        Protocol.PhotoId.TryParse(text, out var id, out var problem)
            ? id
            : throw new DirectoryException(DirectoryFailure.InvalidArgument, $"Bad photo id: {problem}.");

    public static uint VolumeId(string text, string name = "volume") =>
        uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new DirectoryException(DirectoryFailure.InvalidArgument, $"The {name} '{text}' is not a volume id (a decimal number from 0 to {uint.MaxValue}).");

    public static ulong? Key(string? text) => text is null
        ? null
        : text.Length is > 0 and <= 16 && ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var key)
            ? key
            : throw new DirectoryException(DirectoryFailure.InvalidArgument, $"The key '{text}' is not 1 to 16 hex digits.");

    public static uint AlternateKey(string? text) => text is null
        ? 0
        : uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var alternate)
            ? alternate
            : throw new DirectoryException(DirectoryFailure.InvalidArgument, $"The alternate key '{text}' is not a decimal number from 0 to {uint.MaxValue}.");
}
