using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Haystack.Store;

/// <summary>
/// The Store's two Kestrel endpoints and the limits they enforce. Kestrel writes the bound port back into each
/// <see cref="ListenOptions"/>, which is how a store started on port 0 learns its addresses.
/// </summary>
internal sealed class StoreListeners
{
    private ListenOptions? http;
    private ListenOptions? grpc;

    public Uri HttpAddress => AddressOf(http);

    public Uri GrpcAddress => AddressOf(grpc);

    public void Configure(KestrelServerOptions kestrel, StoreOptions options)
    {
        kestrel.AddServerHeader = false;
        // The gRPC limit is the larger one; HTTP uploads are held to the needle limit by the upload reader (413).
        kestrel.Limits.MaxRequestBodySize = options.MaxGrpcMessageBytes;
        // A stalled upload is aborted instead of holding a connection and a buffer forever.
        kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(options.MinUploadBytesPerSecond, options.MinUploadGracePeriod);
        var address = options.LoopbackOnly ? IPAddress.Loopback : IPAddress.Any;
        kestrel.Listen(address, options.HttpPort, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;
            http = listen;
        });
        kestrel.Listen(address, options.GrpcPort, listen =>
        {
            // Cleartext HTTP/2 with prior knowledge, as gRPC clients speak it without TLS.
            listen.Protocols = HttpProtocols.Http2;
            grpc = listen;
        });
    }

    private static Uri AddressOf(ListenOptions? listen)
    {
        if (listen?.EndPoint is not IPEndPoint endPoint)
        {
            throw new InvalidOperationException("The store has not bound its ports yet; call StartAsync first.");
        }
        var host = endPoint.Address.Equals(IPAddress.Any) ? IPAddress.Loopback : endPoint.Address;
        return new Uri($"http://{host}:{endPoint.Port}");
    }
}
