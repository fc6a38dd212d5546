using System.Collections;
using Haystack.Storage.Files;
using Haystack.Storage.Format;
using Microsoft.Win32.SafeHandles;

namespace Haystack.Storage.Inspection;

/// <summary>
/// Every needle of a data file in offset order, deleted and superseded ones included, read by the engine's
/// own <see cref="NeedleScanner"/> with large sequential reads. A needle whose data fails its checksum is
/// listed with the problem and the scan goes on; bytes that are not a valid needle header end it, and
/// <see cref="UnreadableTail"/> then says where and why.
/// </summary>
public sealed class NeedleScan : IEnumerable<InspectedNeedle>
{
    private readonly SafeFileHandle _handle;
    private readonly long _end;

    internal NeedleScan(SafeFileHandle handle, long end)
    {
        _handle = handle;
        _end = end;
    }

    /// <summary>Set when the last enumeration that ran to its end stopped before the end of the file; null when every byte was a needle.</summary>
    public UnreadableTail? UnreadableTail { get; private set; }

    public IEnumerator<InspectedNeedle> GetEnumerator()
    {
        UnreadableTail = null;
        using var scanner = new NeedleScanner(_handle, Superblock.Size, _end);
        while (true)
        {
            ScannedNeedle needle;
            string? problem;
            try
            {
                if (!scanner.TryInspectNext(out needle, out problem))
                {
                    yield break;
                }
            }
            catch (InvalidNeedleDataException invalid)
            {
                UnreadableTail = new UnreadableTail(invalid.Offset, _end - invalid.Offset, invalid.Problem);
                yield break;
            }
            var header = needle.Header;
            yield return new InspectedNeedle(
                new NeedleLocation(needle.Offset, header.TotalLength),
                header.Id,
                header.Cookie,
                header.IsDeleted,
                header.DataLength,
                NeedleCodec.ContentType(needle.Bytes.Span, header),
                problem);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
