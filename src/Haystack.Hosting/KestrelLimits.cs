using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;

namespace Haystack.Hosting;

/// <summary>
/// The connection limits every server sets on Kestrel, so that hostile clients are bounded in what they can hold:
/// connections in all, what one connection may buffer and multiplex, how long headers may take, and how slowly a body
/// may arrive. The upload readers cut bodies that stall outright (Uploads/UploadBuffer.cs); this is the floor for the rest.
/// </summary>
public sealed record KestrelLimits
{
    /// <summary>Default for <see cref="MaxConnections"/>: far above what a pod's clients need, far below what exhausts its memory.</summary>
    public const int DefaultMaxConnections = 4096;

    /// <summary>
    /// What the socket transport reads ahead of the handler per connection (its default is 1 MiB): a stalled or refused
    /// upload's connection holds this much, and Kestrel's pool keeps the blocks for minutes after (200 connections
    /// left 160 MiB in it, measured). Kestrel's own MaxRequestBufferSize does not bound the socket transport.
    /// </summary>
    public const int RequestBufferBytes = 64 * 1024;

    /// <summary>Concurrent gRPC calls on one HTTP/2 connection (Kestrel's default, set here so it is a stated bound).</summary>
    public const int StreamsPerConnection = 100;

    /// <summary>
    /// What an HTTP/2 client may send on one connection before the server has looked at it (Kestrel's default is 1 MiB,
    /// 768 KiB per stream). A gRPC call's bytes count against the upload budget once its reader sees them
    /// (Uploads/GrpcRequestBody.cs); this bounds what a connection holds beyond that while its calls wait for room.
    /// 256 KiB per connection and 128 KiB per stream still keep a stream at 250 MB/s over a 0.5 ms round trip.
    /// </summary>
    public const int Http2ConnectionWindowBytes = 256 * 1024;

    /// <summary>What one HTTP/2 stream may send ahead of its reader; see <see cref="Http2ConnectionWindowBytes"/>.</summary>
    public const int Http2StreamWindowBytes = 128 * 1024;

    /// <summary>Open connections in all (HTTP/1.1 and HTTP/2 together); more are refused by closing them.</summary>
    public int MaxConnections { get; init; } = DefaultMaxConnections;

    /// <summary>A body slower than this on average after its grace period is aborted (Kestrel's default is 240 B/s).</summary>
    public MinDataRate MinBodyRate { get; init; } = new(4096, TimeSpan.FromSeconds(5));

    /// <summary>A client that takes longer to send its request headers is disconnected (Kestrel's default is 30 s).</summary>
    public TimeSpan RequestHeadersTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Sets the limits on the server's Kestrel and on its socket transport.</summary>
    public void ApplyTo(IWebHostBuilder webHost)
    {
        webHost.ConfigureKestrel(Apply);
        webHost.ConfigureServices(services => services.Configure<SocketTransportOptions>(sockets => sockets.MaxReadBufferSize = RequestBufferBytes));
    }

    private void Apply(KestrelServerOptions kestrel)
    {
        kestrel.Limits.MaxConcurrentConnections = MaxConnections;
        kestrel.Limits.MaxConcurrentUpgradedConnections = MaxConnections;
        kestrel.Limits.MaxRequestBufferSize = RequestBufferBytes;
        kestrel.Limits.Http2.MaxStreamsPerConnection = StreamsPerConnection;
        kestrel.Limits.Http2.InitialConnectionWindowSize = Http2ConnectionWindowBytes;
        kestrel.Limits.Http2.InitialStreamWindowSize = Http2StreamWindowBytes;
        kestrel.Limits.RequestHeadersTimeout = RequestHeadersTimeout;
        kestrel.Limits.MinRequestBodyDataRate = MinBodyRate;
    }
}
