using System.Text;

namespace Haystack.Store.Grpc;

/// <summary>
/// The grpc-message value: UTF-8, then every byte outside printable ASCII, and '%' itself, written as %XX
/// (grpc/doc/PROTOCOL-HTTP2.md), so any text survives an HTTP/2 header.
/// </summary>
internal static class GrpcStatusMessage
{
    public static string PercentEncode(string message)
    {
        var bytes = Encoding.UTF8.GetBytes(message);
        if (Array.TrueForAll(bytes, IsUnreserved))
        {
            return message;
        }

        var encoded = new StringBuilder(bytes.Length * 2);
        foreach (var b in bytes)
        {
            if (IsUnreserved(b))
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return encoded.ToString();
    }

    private static bool IsUnreserved(byte b) => b is >= 0x20 and <= 0x7E and not (byte)'%';
}
