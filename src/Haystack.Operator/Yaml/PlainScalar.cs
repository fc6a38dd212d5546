using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Haystack.Operator.Yaml;

/// <summary>
/// How an unquoted YAML scalar is read: null, boolean, number or string. Readers resolve with it, and
/// writers quote every string it would not read back as a string, including the YAML 1.1 spellings
/// (yes/no/on/off) that kubectl's YAML library still honours.
/// </summary>
internal static partial class PlainScalar
{
    public static JsonNode? Resolve(string text)
    {
        if (IsNull(text))
        {
            return null;
        }
        if (text is "true" or "True" or "TRUE")
        {
            return JsonValue.Create(true);
        }
        if (text is "false" or "False" or "FALSE")
        {
            return JsonValue.Create(false);
        }
        if (DecimalInteger().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }
        if (DecimalFloat().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            return JsonValue.Create(real);
        }
        return JsonValue.Create(text);
    }

    /// <summary>True when the string, written unquoted, would be read back as something other than itself.</summary>
    public static bool NeedsQuotes(string text) =>
        text.Length == 0
        || IsNull(text)
        || Ambiguous().IsMatch(text)
        || text != text.Trim();

    private static bool IsNull(string text) => text is "" or "~" or "null" or "Null" or "NULL";

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex DecimalInteger();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex DecimalFloat();

    // Booleans of YAML 1.1 and 1.2, numbers in every base, infinities, NaN, and 1.1 timestamps.
    [GeneratedRegex(@"^((?i:y|n|yes|no|on|off|true|false)|[-+]?(\.?[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?|0[xob][0-9a-fA-F_]+|\.(?i:inf)|[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?)|\.(?i:nan)|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*)$")]
    private static partial Regex Ambiguous();
}
