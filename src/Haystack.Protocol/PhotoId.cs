using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Haystack.Protocol;

/// <summary>
/// The public name of one photo variant: logical volume, key, alternate key (size variant) and the random
/// cookie that makes ids unguessable. Text form (as SeaweedFS's <c>3,01637037d6</c>):
/// <c>&lt;volume decimal&gt;,&lt;key hex&gt;&lt;cookie: 8 hex&gt;[_&lt;alternate key decimal&gt;]</c>.
/// The formatter writes the canonical form (lowercase, key without leading zeros, no <c>_0</c>); the parser
/// also accepts uppercase hex and leading zeros in the key, so callers that key caches on ids should
/// re-format what they parse.
/// </summary>
public readonly record struct PhotoId(uint VolumeId, ulong Key, uint AlternateKey, uint Cookie)
{
    private const int CookieHexDigits = 8;
    private const int MaxKeyHexDigits = 16;
    private const int MaxDecimalDigits = 10;

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>Longest canonical text: 10 volume digits, comma, 24 hex digits, underscore, 10 digits.</summary>
    public const int MaxLength = MaxDecimalDigits + 1 + MaxKeyHexDigits + CookieHexDigits + 1 + MaxDecimalDigits;

    public override string ToString()
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{VolumeId},{Key:x}{Cookie:x8}");
        return AlternateKey == 0 ? text : string.Create(CultureInfo.InvariantCulture, $"{text}_{AlternateKey}");
    }

    /// <summary>Parses a photo id or throws a <see cref="FormatException"/> that says what is wrong with it.</summary>
    public static PhotoId Parse(string text) =>
        TryParse(text, out var id, out var problem) ? id : throw new FormatException(problem);

    public static bool TryParse(string? text, out PhotoId id) => TryParse(text, out id, out _);

    /// <summary>Parses a photo id; on failure <paramref name="problem"/> explains it in one sentence.</summary>
    public static bool TryParse(string? text, out PhotoId id, [NotNullWhen(false)] out string? problem)
    {
        id = default;
        if (string.IsNullOrEmpty(text))
        {
            return Fail("the photo id is empty", out problem);
        }
        if (text.Length > MaxLength)
        {
            return Fail($"the photo id is longer than {MaxLength} characters", out problem);
        }

        var span = text.AsSpan();
        var comma = span.IndexOf(',');
        if (comma < 0)
        {
            return Fail($"photo id '{text}' has no comma; expected <volume>,<key hex><cookie hex>[_<alternate key>]", out problem);
        }
        if (!TryParseDecimal(span[..comma], out var volumeId))
        {
            return Fail($"photo id '{text}': the volume '{span[..comma]}' is not a decimal number from 0 to {uint.MaxValue}", out problem);
        }

        var rest = span[(comma + 1)..];
        uint alternateKey = 0;
        var underscore = rest.IndexOf('_');
        if (underscore >= 0)
        {
            var alternate = rest[(underscore + 1)..];
            if (!TryParseDecimal(alternate, out alternateKey) || alternateKey == 0)
            {
                return Fail($"photo id '{text}': the alternate key '{alternate}' is not a decimal number from 1 to {uint.MaxValue}", out problem);
            }
            rest = rest[..underscore];
        }

        if (rest.Length <= CookieHexDigits || rest.Length > MaxKeyHexDigits + CookieHexDigits)
        {
            return Fail($"photo id '{text}': '{rest}' must be 1 to {MaxKeyHexDigits} hex digits of key followed by {CookieHexDigits} hex digits of cookie", out problem);
        }
        // ulong/uint.TryParse would also take trailing NULs ("1\0deadbeef"), a second spelling of the same id.
        if (rest.ContainsAnyExcept(HexDigits))
        {
            return Fail($"photo id '{text}': '{rest}' contains characters that are not hex digits", out problem);
        }
        var keyHex = rest[..^CookieHexDigits];
        var cookieHex = rest[^CookieHexDigits..];
        if (!ulong.TryParse(keyHex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var key) ||
            !uint.TryParse(cookieHex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var cookie))
        {
            return Fail($"photo id '{text}': '{rest}' contains characters that are not hex digits", out problem);
        }

        id = new PhotoId(volumeId, key, alternateKey, cookie);
        problem = null;
        return true;
    }

    // Plain digits only: no sign, no spaces, no leading zeros (so every number has one spelling).
    private static bool TryParseDecimal(ReadOnlySpan<char> digits, out uint value)
    {
        value = 0;
        if (digits.IsEmpty || digits.Length > MaxDecimalDigits || (digits.Length > 1 && digits[0] == '0'))
        {
            return false;
        }
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        return uint.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static bool Fail(string message, out string problem)
    {
        problem = message;
        return false;
    }
}
