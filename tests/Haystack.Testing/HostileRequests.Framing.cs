using System.Net.Sockets;
using System.Text;

namespace Haystack.Testing;

/// <summary>
/// Requests whose body two HTTP parsers could frame two ways (request smuggling, RFC 9112 §6.1): each must get 400 and
/// a closed connection before any endpoint runs. Those Kestrel refuses itself get its bare 400; the others reach
/// Haystack.Hosting's <c>RequestFraming</c> check, whose 400 carries the house JSON error.
/// </summary>
public static partial class HostileRequests
{
    /// <summary>The ambiguously framed requests aimed at <paramref name="path"/>; each body is a complete, well-formed photo of 3 bytes.</summary>
    public static IEnumerable<(string Name, byte[] Bytes, bool RefusedByKestrel)> AmbiguousFraming(string path, string method)
    {
        (string, byte[], bool) Request(string name, string headers, string body, bool refusedByKestrel) =>
            (name, Encoding.Latin1.GetBytes($"{method} {path} HTTP/1.1\r\nHost: h\r\nContent-Type: image/jpeg\r\n{headers}\r\n{body}"), refusedByKestrel);
        const string Chunks = "3\r\nabc\r\n0\r\n\r\n";
        yield return Request("Content-Length and chunked together", "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n", Chunks, false);
        yield return Request("chunked, then a Content-Length", "Transfer-Encoding: chunked\r\nContent-Length: 13\r\n", Chunks, false);
        yield return Request("gzip under chunked", "Transfer-Encoding: gzip, chunked\r\n", Chunks, false);
        yield return Request("chunked in two headers", "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", Chunks, false);
        yield return Request("identity under chunked", "Transfer-Encoding: identity, chunked\r\n", Chunks, false);
        yield return Request("two different Content-Lengths", "Content-Length: 3\r\nContent-Length: 4\r\n", "abcd", true);
        yield return Request("two equal Content-Lengths", "Content-Length: 3\r\nContent-Length: 3\r\n", "abc", true);
        yield return Request("a Content-Length list", "Content-Length: 3, 3\r\n", "abc", true);
        yield return Request("gzip alone", "Transfer-Encoding: gzip\r\n", "abc", true);
        yield return Request("identity with a Content-Length", "Transfer-Encoding: identity\r\nContent-Length: 3\r\n", "abc", true);
    }

    /// <summary>
    /// Sends every <see cref="AmbiguousFraming"/> request to <paramref name="server"/> and returns one line for each that
    /// was not refused as it must be: 400, the JSON error where our check answers, and the connection closed after it.
    /// </summary>
    public static async Task<IReadOnlyList<string>> AmbiguousFramingFailuresAsync(Uri server, string path, string method)
    {
        var failures = new List<string>();
        foreach (var (name, bytes, refusedByKestrel) in AmbiguousFraming(path, method))
        {
            var (response, closed) = await ExchangeAsync(server, bytes);
            var problem = !response.StartsWith("HTTP/1.1 400 ", StringComparison.Ordinal) ? "not answered 400"
                : !closed ? "the connection stayed open"
                : !refusedByKestrel && !response.Contains("{\"error\":", StringComparison.Ordinal) ? "no JSON error"
                : null;
            if (problem is not null)
            {
                failures.Add($"{method} {path}, {name}: {problem}: {response[..Math.Min(response.Length, 300)]}");
            }
        }
        return failures;
    }

    /// <summary>
    /// Sends the bytes without closing the sending side (Kestrel drops an app's answer to a client that half-closed) and
    /// reads until the server closes; <c>closed</c> is false when it still had not after a few seconds.
    /// </summary>
    public static async Task<(string Response, bool Closed)> ExchangeAsync(Uri server, byte[] request)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await socket.ConnectAsync(server.Host, server.Port, bound.Token);
        await socket.SendAsync(request, bound.Token);
        var received = new MemoryStream();
        var buffer = new byte[4096];
        var closed = false;
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, bound.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
            closed = true;
        }
        catch (OperationCanceledException)
        {
            // Still open when time ran out: what arrived before is the answer.
        }
        catch (SocketException)
        {
            closed = true;
        }
        return (Encoding.Latin1.GetString(received.ToArray()), closed);
    }
}
