using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Haystack.Directory;

/// <summary>
/// The Directory's two Kestrel endpoints: HTTP/1.1 for the REST API and HTTP/2 cleartext for gRPC. Kestrel writes
/// the bound port back into each <see cref="ListenOptions"/>, which is how a directory on port 0 learns its address.
/// </summary>
internal sealed class DirectoryListeners
{
    private ListenOptions? http;
    private ListenOptions? grpc;

    public Uri HttpAddress => AddressOf(http);

    public Uri GrpcAddress => AddressOf(grpc);

    public void Configure(KestrelServerOptions kestrel, DirectoryOptions options)
    {
        kestrel.AddServerHeader = false;
        // Uploads are buffered whole before any replica is written; the gRPC message adds a little framing.
        kestrel.Limits.MaxRequestBodySize = options.MaxUploadBytes + (64L * 1024);
        var address = options.LoopbackOnly ? IPAddress.Loopback : IPAddress.Any;
        kestrel.Listen(address, options.HttpPort, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;
            http = listen;
        });
        kestrel.Listen(address, options.GrpcPort, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            grpc = listen;
        });
    }

    private static Uri AddressOf(ListenOptions? listen)
    {
        if (listen?.EndPoint is not IPEndPoint endPoint)
        {
            throw new InvalidOperationException("The directory has not bound its ports yet; call StartAsync first.");
        }
        var host = endPoint.Address.Equals(IPAddress.Any) ? IPAddress.Loopback : endPoint.Address;
        return new Uri($"http://{host}:{endPoint.Port}");
    }
}
