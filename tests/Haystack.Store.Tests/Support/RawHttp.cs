using System.Net.Sockets;
using System.Text;

namespace Haystack.Store.Tests.Support;

/// <summary>HTTP/1.1 over a bare socket, for the uploads HttpClient will not send: cut short or stalled.</summary>
internal sealed class RawHttp : IDisposable
{
    private readonly TcpClient _client = new();

    private RawHttp()
    {
    }

    public static async Task<RawHttp> ConnectAsync(Uri address)
    {
        var raw = new RawHttp();
        await raw._client.ConnectAsync(address.Host, address.Port);
        return raw;
    }

    /// <summary>Sends the headers of a PUT that promises <paramref name="declaredLength"/> bytes, then <paramref name="sent"/> of them.</summary>
    public async Task SendPartialPutAsync(string path, int declaredLength, byte[] sent)
    {
        var headers = $"PUT {path} HTTP/1.1\r\nHost: store\r\nContent-Type: image/jpeg\r\nContent-Length: {declaredLength}\r\n\r\n";
        var stream = _client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(headers));
        await stream.WriteAsync(sent);
        await stream.FlushAsync();
    }

    /// <summary>Closes the connection in the middle of the upload.</summary>
    public void Cut() => _client.Client.Shutdown(SocketShutdown.Both);

    /// <summary>Everything the server sends until it closes the connection.</summary>
    public async Task<string> ReadUntilClosedAsync(CancellationToken cancellationToken)
    {
        var received = new MemoryStream();
        var buffer = new byte[4096];
        var stream = _client.GetStream();
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // A reset after the response is still a closed connection.
        }
        return Encoding.ASCII.GetString(received.ToArray());
    }

    public void Dispose() => _client.Dispose();
}
