using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Haystack.Hosting;

/// <summary>
/// A server's two Kestrel endpoints: HTTP/1.1 for the REST API and cleartext HTTP/2 for gRPC (prior knowledge, as
/// gRPC clients speak it without TLS). Shared by the Store and the Directory. Kestrel writes the bound port back
/// into each <see cref="ListenOptions"/>, which is how a server started on port 0 learns its addresses.
/// </summary>
public sealed class HttpAndGrpcListeners(string serverName)
{
    private ListenOptions? _http;
    private ListenOptions? _grpc;

    public Uri HttpAddress => AddressOf(_http);

    public Uri GrpcAddress => AddressOf(_grpc);

    /// <summary>Binds both ports; the caller sets its own request limits on <paramref name="kestrel"/>.</summary>
    public void Listen(KestrelServerOptions kestrel, bool loopbackOnly, int httpPort, int grpcPort)
    {
        kestrel.AddServerHeader = false;
        var address = loopbackOnly ? IPAddress.Loopback : IPAddress.Any;
        kestrel.Listen(address, httpPort, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;
            _http = listen;
        });
        kestrel.Listen(address, grpcPort, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            _grpc = listen;
        });
    }

    private Uri AddressOf(ListenOptions? listen)
    {
        if (listen?.EndPoint is not IPEndPoint endPoint)
        {
            throw new InvalidOperationException($"The {serverName} has not bound its ports yet; call StartAsync first.");
        }
        var host = endPoint.Address.Equals(IPAddress.Any) ? IPAddress.Loopback : endPoint.Address;
        return new Uri($"http://{host}:{endPoint.Port}");
    }
}
