using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Haystack.Hosting;

/// <summary>
/// A server's two Kestrel endpoints: HTTP/1.1 for the REST API and HTTP/2 for gRPC: cleartext with prior knowledge
/// (as gRPC clients speak it without TLS), or both over TLS when the server has a certificate (<see cref="ServerTls"/>;
/// gRPC then negotiates h2 by ALPN). Shared by the Store and the Directory. Kestrel writes the bound port back into
/// each <see cref="ListenOptions"/>, which is how a server started on port 0 learns its addresses.
/// </summary>
public sealed class HttpAndGrpcListeners(string serverName)
{
    private ListenOptions? _http;
    private ListenOptions? _grpc;
    private string _scheme = Uri.UriSchemeHttp;

    public Uri HttpAddress => AddressOf(_http);

    public Uri GrpcAddress => AddressOf(_grpc);

    /// <summary>Binds both ports; the caller sets its own request limits on <paramref name="kestrel"/>.</summary>
    public void Listen(KestrelServerOptions kestrel, bool loopbackOnly, int httpPort, int grpcPort, ServerTls? tls = null)
    {
        kestrel.AddServerHeader = false;
        _scheme = tls is null ? Uri.UriSchemeHttp : Uri.UriSchemeHttps;
        _http = Bind(kestrel, loopbackOnly, httpPort, HttpProtocols.Http1, tls);
        _grpc = Bind(kestrel, loopbackOnly, grpcPort, HttpProtocols.Http2, tls);
    }

    /// <summary>One port of <paramref name="protocols"/>, over TLS when <paramref name="tls"/> is given (the Cache's single port).</summary>
    public static ListenOptions Bind(KestrelServerOptions kestrel, bool loopbackOnly, int port, HttpProtocols protocols, ServerTls? tls)
    {
        ListenOptions? bound = null;
        kestrel.Listen(loopbackOnly ? IPAddress.Loopback : IPAddress.Any, port, listen =>
        {
            listen.Protocols = protocols;
            tls?.Apply(listen);
            bound = listen;
        });
        return bound!;
    }

    private Uri AddressOf(ListenOptions? listen)
    {
        if (listen?.EndPoint is not IPEndPoint endPoint)
        {
            throw new InvalidOperationException($"The {serverName} has not bound its ports yet; call StartAsync first.");
        }
        var host = endPoint.Address.Equals(IPAddress.Any) ? IPAddress.Loopback : endPoint.Address;
        return new Uri($"{_scheme}://{host}:{endPoint.Port}");
    }
}
