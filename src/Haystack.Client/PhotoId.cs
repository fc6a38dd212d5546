using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Haystack.Client;

/// <summary>
/// The public name of one photo variant: logical volume, key, alternate key (size variant) and the random cookie
/// that makes ids unguessable. Text form <c>&lt;volume&gt;,&lt;key hex&gt;&lt;cookie: 8 hex&gt;[_&lt;alternate key&gt;]</c>,
/// e.g. <c>3,1a2b3c4d5e6f</c>: the same as the servers parse and print (a test holds the two to agreement).
/// <see cref="ToString()"/> writes the canonical form (lowercase, key without leading zeros, no <c>_0</c>); parsing
/// also accepts uppercase hex and leading zeros in the key.
/// </summary>
/// <param name="VolumeId">The logical volume holding the photo.</param>
/// <param name="Key">The photo's key within the volume.</param>
/// <param name="AlternateKey">The size variant; 0 for the photo itself.</param>
/// <param name="Cookie">The random number that must match for a read or a delete.</param>
public readonly record struct PhotoId(uint VolumeId, ulong Key, uint AlternateKey, uint Cookie) : ISpanParsable<PhotoId>, ISpanFormattable
{
    private const int CookieDigits = 8;
    private const int MaxKeyDigits = 16;
    private const int MaxDecimalDigits = 10;

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>The longest text a photo id can have: 10 volume digits, comma, 24 hex digits, underscore, 10 digits.</summary>
    public const int MaxLength = MaxDecimalDigits + 1 + MaxKeyDigits + CookieDigits + 1 + MaxDecimalDigits;

    /// <summary>The canonical text form.</summary>
    public override string ToString() => ToString(null, null);

    /// <inheritdoc/>
    public string ToString(string? format, IFormatProvider? formatProvider)
    {
        Span<char> text = stackalloc char[MaxLength];
        TryFormat(text, out var length, default, null);
        return new string(text[..length]);
    }

    /// <inheritdoc/>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        var invariant = CultureInfo.InvariantCulture;
        return AlternateKey == 0
            ? destination.TryWrite(invariant, $"{VolumeId},{Key:x}{Cookie:x8}", out charsWritten)
            : destination.TryWrite(invariant, $"{VolumeId},{Key:x}{Cookie:x8}_{AlternateKey}", out charsWritten);
    }

    /// <summary>Parses a photo id or throws a <see cref="FormatException"/> that says what is wrong with it.</summary>
    public static PhotoId Parse(string text) => Parse(text, null);

    /// <inheritdoc/>
    public static PhotoId Parse(string text, IFormatProvider? provider) =>
        TryParse(text, out var id, out var problem) ? id : throw new FormatException(problem);

    /// <inheritdoc/>
    public static PhotoId Parse(ReadOnlySpan<char> text, IFormatProvider? provider) =>
        TryParse(text, out var id, out var problem) ? id : throw new FormatException(problem);

    /// <inheritdoc/>
    public static bool TryParse([NotNullWhen(true)] string? text, IFormatProvider? provider, out PhotoId result) =>
        TryParse(text.AsSpan(), out result, out _);

    /// <inheritdoc/>
    public static bool TryParse(ReadOnlySpan<char> text, IFormatProvider? provider, out PhotoId result) =>
        TryParse(text, out result, out _);

    /// <summary>Parses a photo id; on failure <paramref name="problem"/> explains it in one sentence.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out PhotoId id, [NotNullWhen(false)] out string? problem)
    {
        id = default;
        problem = Problem(text, out var volume, out var key, out var cookie, out var alternate);
        if (problem is not null)
        {
            return false;
        }
        id = new PhotoId(volume, key, alternate, cookie);
        return true;
    }

    private static string? Problem(ReadOnlySpan<char> text, out uint volume, out ulong key, out uint cookie, out uint alternate)
    {
        (volume, key, cookie, alternate) = (0, 0, 0, 0);
        if (text.IsEmpty)
        {
            return "the photo id is empty";
        }
        if (text.Length > MaxLength)
        {
            return $"the photo id is longer than {MaxLength} characters";
        }
        var comma = text.IndexOf(',');
        if (comma < 0)
        {
            return $"photo id '{text}' has no comma; expected <volume>,<key hex><cookie hex>[_<alternate key>]";
        }
        if (!TryDecimal(text[..comma], out volume))
        {
            return $"photo id '{text}': the volume '{text[..comma]}' is not a decimal number from 0 to {uint.MaxValue}";
        }
        var hex = text[(comma + 1)..];
        var underscore = hex.IndexOf('_');
        if (underscore >= 0)
        {
            var suffix = hex[(underscore + 1)..];
            if (!TryDecimal(suffix, out alternate) || alternate == 0)
            {
                return $"photo id '{text}': the alternate key '{suffix}' is not a decimal number from 1 to {uint.MaxValue}";
            }
            hex = hex[..underscore];
        }
        if (hex.Length is <= CookieDigits or > MaxKeyDigits + CookieDigits)
        {
            return $"photo id '{text}': '{hex}' must be 1 to {MaxKeyDigits} hex digits of key followed by {CookieDigits} hex digits of cookie";
        }
        var hexStyle = NumberStyles.AllowHexSpecifier;
        // TryParse alone would also take trailing NULs ("1\0deadbeef"), a second spelling of the same id.
        return !hex.ContainsAnyExcept(HexDigits) &&
               ulong.TryParse(hex[..^CookieDigits], hexStyle, CultureInfo.InvariantCulture, out key) &&
               uint.TryParse(hex[^CookieDigits..], hexStyle, CultureInfo.InvariantCulture, out cookie)
            ? null
            : $"photo id '{text}': '{hex}' contains characters that are not hex digits";
    }

    // One spelling per number: ASCII digits only, no sign, no spaces, no leading zeros.
    private static bool TryDecimal(ReadOnlySpan<char> digits, out uint value)
    {
        value = 0;
        return digits.Length is > 0 and <= MaxDecimalDigits &&
               !(digits.Length > 1 && digits[0] == '0') &&
               !digits.ContainsAnyExceptInRange('0', '9') &&
               uint.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
