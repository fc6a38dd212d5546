using System.Globalization;

namespace Haystack.Tests.Support;

/// <summary>This process's memory mappings, as <c>/proc/self/maps</c> lists them.</summary>
public static class ProcessMappings
{
    /// <summary>Whether any byte of [<paramref name="address"/>, + <paramref name="length"/>) is mapped.</summary>
    public static bool AnyMapped(nint address, long length)
    {
        var start = (ulong)address;
        var end = start + (ulong)length;
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            // "start-end perms offset device inode path", addresses in hex.
            var range = line[..line.IndexOf(' ', StringComparison.Ordinal)].Split('-');
            var from = ulong.Parse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var to = ulong.Parse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (from < end && start < to)
            {
                return true;
            }
        }
        return false;
    }
}
