using System.Net.Sockets;
using System.Text;

namespace Haystack.Testing;

/// <summary>
/// Malformed and hostile HTTP/1.1 requests (issue 15, item 5), each sent over a bare socket: bad ids, huge and
/// negative lengths, header floods, invalid ranges, unknown methods, truncated bodies, a TLS ClientHello on the plain
/// port and random bytes. <see cref="SendAsync"/> returns the status the server answered, or null when it hung up.
/// </summary>
public static partial class HostileRequests
{
    /// <summary>The hostile requests aimed at <paramref name="path"/> (a photo id, or /upload) with <paramref name="writeMethod"/>.</summary>
    public static IEnumerable<(string Name, byte[] Bytes)> For(string path, string writeMethod)
    {
        (string, byte[]) Text(string name, string request) => (name, Encoding.Latin1.GetBytes(request));
        yield return Text("a key that is not hex", "GET /1,zz0badcafe HTTP/1.1\r\nHost: h\r\n\r\n");
        yield return Text("a volume beyond 32 bits", "GET /99999999999999999999,10badcafe HTTP/1.1\r\nHost: h\r\n\r\n");
        yield return Text("an id with no cookie", $"DELETE /1, HTTP/1.1\r\nHost: h\r\n\r\n");
        yield return Text("percent-encoded NUL and high bytes", "GET /%00%ff%c0%af HTTP/1.1\r\nHost: h\r\n\r\n");
        yield return Text("a path of 20 000 characters", $"GET /{new string('9', 20_000)} HTTP/1.1\r\nHost: h\r\n\r\n");
        yield return Text("a Content-Length beyond 64 bits", $"{writeMethod} {path} HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999999999999999999\r\n\r\nabc");
        yield return Text("a negative Content-Length", $"{writeMethod} {path} HTTP/1.1\r\nHost: h\r\nContent-Length: -5\r\n\r\nabc");
        yield return Text("a Content-Length of 1 TiB", $"{writeMethod} {path} HTTP/1.1\r\nHost: h\r\nContent-Length: 1099511627776\r\n\r\nabc");
        foreach (var (name, bytes, _) in AmbiguousFraming(path, writeMethod))
        {
            yield return (name, bytes);
        }
        yield return Text("a chunk size that is not hex", $"{writeMethod} {path} HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n");
        yield return Text("a body cut short", $"{writeMethod} {path} HTTP/1.1\r\nHost: h\r\nContent-Type: image/jpeg\r\nContent-Length: 1000\r\n\r\n{new string('x', 10)}");
        yield return Text("a multipart form cut short", $"{writeMethod} {path} HTTP/1.1\r\nHost: h\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 500\r\n\r\n--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n\r\nxx");
        yield return Text("a multipart form without a boundary", $"{writeMethod} {path} HTTP/1.1\r\nHost: h\r\nContent-Type: multipart/form-data\r\nContent-Length: 3\r\n\r\nabc");
        yield return Text("a content type of 5 000 characters", $"{writeMethod} {path} HTTP/1.1\r\nHost: h\r\nContent-Type: image/{new string('j', 5000)}\r\nContent-Length: 3\r\n\r\nabc");
        yield return Text("300 headers", $"GET {path} HTTP/1.1\r\nHost: h\r\n{string.Concat(Enumerable.Range(0, 300).Select(i => $"X-Flood-{i}: {i}\r\n"))}\r\n");
        yield return Text("one header of 64 KiB", $"GET {path} HTTP/1.1\r\nHost: h\r\nX-Big: {new string('a', 64 * 1024)}\r\n\r\n");
        yield return Text("a header without a colon", $"GET {path} HTTP/1.1\r\nHost: h\r\nno colon here\r\n\r\n");
        foreach (var range in new[] { "bytes=99999999-1", "bytes=-", "bytes=5-2", "bytes=-99999999999999999999", "pages=1-2", "bytes=0-0,0-0,0-0,0-0,0-0,0-0,0-0,0-0,0-0,0-0" })
        {
            yield return Text($"Range: {range}", $"GET {path} HTTP/1.1\r\nHost: h\r\nRange: {range}\r\n\r\n");
        }
        yield return Text("If-Range with a bad date", $"GET {path} HTTP/1.1\r\nHost: h\r\nRange: bytes=0-1\r\nIf-Range: not a date\r\n\r\n");
        yield return Text("an unknown method", $"BREW {path} HTTP/1.1\r\nHost: h\r\n\r\n");
        yield return Text("a WebDAV method", $"PROPFIND {path} HTTP/1.1\r\nHost: h\r\n\r\n");
        yield return Text("a method of 10 000 letters", $"{new string('M', 10_000)} {path} HTTP/1.1\r\nHost: h\r\n\r\n");
        yield return Text("HTTP/2 preface on the HTTP/1.1 port", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
        yield return Text("HTTP/0.9", $"GET {path}\r\n");
        yield return Text("HTTP/7.0", $"GET {path} HTTP/7.0\r\nHost: h\r\n\r\n");
        yield return ("a TLS ClientHello on the plain port", TlsClientHello);
        var random = new Random(15);
        for (var i = 0; i < 5; i++)
        {
            var bytes = new byte[random.Next(1, 4096)];
            random.NextBytes(bytes);
            yield return ($"random bytes #{i}", bytes);
        }
    }

    /// <summary>
    /// A 5xx that is the server's fault. 505 is not: it is HTTP's answer to a version the server does not speak
    /// (HTTP/0.9, HTTP/7.0), which Kestrel gives before any of our code runs.
    /// </summary>
    public static bool IsServerFailure(int? status) => status is >= 500 and not 505;

    /// <summary>How long a request that the server waits on (a body cut short) is given to be answered.</summary>
    private static readonly TimeSpan AnswerWindow = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Sends the bytes and returns the status of the first response, or null when the server hung up or waited for
    /// more. The sending side stays open until the answer is in: a client that half-closes makes Kestrel abort the
    /// request and drop whatever the endpoint would have answered, which would hide a 5xx.
    /// </summary>
    public static async Task<int?> SendAsync(Uri server, byte[] request)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await socket.ConnectAsync(server.Host, server.Port, bound.Token);
        var received = new MemoryStream();
        try
        {
            await socket.SendAsync(request, bound.Token);
            using var answer = CancellationTokenSource.CreateLinkedTokenSource(bound.Token);
            answer.CancelAfter(AnswerWindow);
            var buffer = new byte[4096];
            int read;
            while (!HasStatusLine(received) && (read = await socket.ReceiveAsync(buffer, answer.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (SocketException)
        {
            // Reset by the server: what it sent before still counts.
        }
        catch (OperationCanceledException)
        {
            // Nothing within the window: the server is waiting for bytes that will not come.
        }
        var text = Encoding.Latin1.GetString(received.ToArray());
        return text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && text.Length >= 12 && int.TryParse(text.AsSpan(9, 3), out var status) ? status : null;
    }

    private static bool HasStatusLine(MemoryStream received) => received.Length >= 12 && received.GetBuffer().AsSpan(0, (int)received.Length).IndexOf("\r\n"u8) >= 0;

    // A TLS 1.2 ClientHello record, as a browser pointed at https:// on this port would send first.
    private static readonly byte[] TlsClientHello = Convert.FromHexString(
        "16030100a5010000a10303" + new string('0', 64) + "000020c02bc02fc02cc030cca9cca8c013c014009c009d002f0035c012000a01000058" +
        "0000000e000c0000096c6f63616c686f7374000500050100000000000a00080006001d00170018000b00020100000d0012001004010403050105030601060302010203ff010001000012000000170000");
}
