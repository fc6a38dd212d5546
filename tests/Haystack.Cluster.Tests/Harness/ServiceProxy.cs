using System.Net;
using System.Net.Sockets;

namespace Haystack.Cluster.Tests.Harness;

/// <summary>
/// kube-proxy for one Service: a TCP listener on the Service name's 127.0.0.1 port that sends each new
/// connection to one of the ready pods behind the Service, round robin, and pipes bytes both ways. A connection that
/// arrives when no pod is ready is closed at once (the real proxy rejects it).
/// </summary>
internal sealed class ServiceProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<IReadOnlyList<int>> _backends;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;
    private int _next;

    private ServiceProxy(int port, Func<IReadOnlyList<int>> backends)
    {
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start();
        _backends = backends;
        _accepting = Task.Run(AcceptAsync);
    }

    /// <summary>Listens on <paramref name="port"/>; <paramref name="backends"/> gives the ready pods' ports at each connection.</summary>
    public static ServiceProxy Start(int port, Func<IReadOnlyList<int>> backends) => new(port, backends);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => ForwardAsync(client));
        }
    }

    private async Task ForwardAsync(Socket client)
    {
        using var _ = client;
        var backends = _backends();
        if (backends.Count == 0)
        {
            return;
        }
        using var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        try
        {
            await upstream.ConnectAsync(IPAddress.Loopback, backends[(int)((uint)Interlocked.Increment(ref _next) % backends.Count)], _stopping.Token);
            await using var fromClient = new NetworkStream(client, ownsSocket: false);
            await using var toUpstream = new NetworkStream(upstream, ownsSocket: false);
            await Task.WhenAll(PipeAsync(fromClient, toUpstream, upstream), PipeAsync(toUpstream, fromClient, client));
        }
        catch (Exception error) when (error is SocketException or IOException or OperationCanceledException)
        {
            // A side went away: both are closed as the sockets are disposed, as a reset through the real proxy.
        }
    }

    private async Task PipeAsync(Stream from, Stream to, Socket target)
    {
        try
        {
            await from.CopyToAsync(to, _stopping.Token);
        }
        catch (Exception error) when (error is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // This side went away; the other side sees the end of the stream below.
        }
        try
        {
            target.Shutdown(SocketShutdown.Send);
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }
    }
}
