using System.Net.Sockets;
using System.Text;
using Haystack.Testing;

namespace Haystack.Tests.Support;

/// <summary>
/// Hostile clients: each opens a connection, sends the headers of an upload that declares
/// <c>declaredBytes</c>, sends <c>sentBytes</c> of it and then stalls with the connection open, until disposed.
/// </summary>
public sealed class StalledUploads : IStalledClients
{
    private readonly List<Socket> _sockets = [];
    private int _failed;

    /// <summary>Clients that could not send their bytes: the server closed the connection first.</summary>
    public int Failed => Volatile.Read(ref _failed);

    /// <summary>Clients the server has answered (a 503 before the body's end) or hung up on; a stalled upload it holds gets neither.</summary>
    public int Answered()
    {
        lock (_sockets)
        {
            return _sockets.Count(socket => socket.Connected && socket.Poll(0, SelectMode.SelectRead));
        }
    }

    public int Refused() => Answered() + Failed;

    public static async Task<StalledUploads> StartAsync(Uri server, string method, string path, int count, long declaredBytes, int sentBytes)
    {
        var uploads = new StalledUploads();
        var body = new byte[sentBytes];
        Random.Shared.NextBytes(body);
        // The clients hold the key: one without it is refused (401) before its body is read, so holds nothing.
        var headers = Encoding.ASCII.GetBytes(
            $"{method} {path} HTTP/1.1\r\nHost: {server.Authority}\r\nAuthorization: Bearer {HaystackExecutable.Key}\r\n" +
            $"Content-Type: image/jpeg\r\nContent-Length: {declaredBytes}\r\n\r\n");
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => uploads.SendAsync(server, headers, body, bound.Token)));
        return uploads;
    }

    public void Dispose()
    {
        lock (_sockets)
        {
            _sockets.ForEach(socket => socket.Dispose());
            _sockets.Clear();
        }
    }

    private async Task SendAsync(Uri server, byte[] headers, byte[] body, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        lock (_sockets)
        {
            _sockets.Add(socket);
        }
        try
        {
            await socket.ConnectAsync(server.Host, server.Port, cancellationToken);
            await socket.SendAsync(headers, cancellationToken);
            await socket.SendAsync(body, cancellationToken);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            Interlocked.Increment(ref _failed);
        }
    }
}
