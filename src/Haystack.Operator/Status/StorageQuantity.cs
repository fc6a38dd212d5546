using System.Globalization;
using System.Text.RegularExpressions;

namespace Haystack.Operator.Status;

/// <summary>Byte counts of storage quantities ("100Gi", "500G", "1.5Ti"), and the reverse for display.</summary>
public static partial class StorageQuantity
{
    private static readonly (string Suffix, decimal Factor)[] Suffixes =
    [
        ("Ki", 1L << 10), ("Mi", 1L << 20), ("Gi", 1L << 30), ("Ti", 1L << 40), ("Pi", 1L << 50), ("Ei", 1L << 60),
        ("k", 1e3m), ("M", 1e6m), ("G", 1e9m), ("T", 1e12m), ("P", 1e15m), ("E", 1e18m), ("m", 0.001m), ("", 1m),
    ];

    /// <exception cref="FormatException">Not a quantity; the message shows the text.</exception>
    public static long ToBytes(string quantity)
    {
        var match = Shape().Match(quantity);
        if (!match.Success)
        {
            throw new FormatException($"\"{quantity}\" is not a storage quantity such as 100Gi or 500G");
        }
        var number = decimal.Parse(match.Groups["number"].Value, CultureInfo.InvariantCulture);
        var factor = Suffixes.First(s => s.Suffix == match.Groups["suffix"].Value).Factor;
        return (long)decimal.Ceiling(number * factor);
    }

    /// <summary>The largest binary unit that divides <paramref name="bytes"/> exactly: 322122547200 is "300Gi".</summary>
    public static string FromBytes(long bytes)
    {
        foreach (var (suffix, factor) in Suffixes.Take(6).Reverse())
        {
            if (bytes != 0 && bytes % (long)factor == 0)
            {
                return (bytes / (long)factor).ToString(CultureInfo.InvariantCulture) + suffix;
            }
        }
        return bytes.ToString(CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^(?<number>[0-9]+(\.[0-9]+)?)(?<suffix>Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E|m)?$")]
    private static partial Regex Shape();
}
