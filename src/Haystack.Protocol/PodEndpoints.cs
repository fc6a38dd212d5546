using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Haystack.Protocol;

/// <summary>
/// How a process reaches a cluster's pods by name: a store pod's URL is its DNS name through the headless
/// Service (<c>http://{pod}.{cluster}-store.{namespace}.svc:{port}</c>, as the operator's builders name them),
/// resolved by cluster DNS. A host map sends chosen host names to other endpoints instead, which is how tests
/// run real store processes on 127.0.0.1 behind those names; the URLs stay the same either way.
/// </summary>
public sealed class PodEndpoints
{
    /// <summary>The environment variable holding a host map: <c>host=127.0.0.1:port</c> pairs, comma separated.</summary>
    public const string HostMapVariable = "HAYSTACK_HOST_MAP";

    private readonly IReadOnlyDictionary<string, DnsEndPoint> _hostMap;

    public PodEndpoints(IReadOnlyDictionary<string, DnsEndPoint> hostMap)
    {
        _hostMap = new Dictionary<string, DnsEndPoint>(hostMap, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every name through cluster DNS.</summary>
    public static PodEndpoints ClusterDns { get; } = new(new Dictionary<string, DnsEndPoint>());

    /// <summary>The map in <see cref="HostMapVariable"/>, or <see cref="ClusterDns"/> when it is not set.</summary>
    public static PodEndpoints FromEnvironment() => Parse(Environment.GetEnvironmentVariable(HostMapVariable));

    /// <summary>Reads <c>host=address:port,host2=address:port</c>; null or empty is no map.</summary>
    public static PodEndpoints Parse(string? map)
    {
        var entries = new Dictionary<string, DnsEndPoint>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in (map ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split('=', 2);
            var target = parts.Length == 2 ? parts[1].Split(':') : [];
            if (target.Length != 2 || parts[0].Length == 0 || !int.TryParse(target[1], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                throw new ArgumentException($"'{entry}' in {HostMapVariable} is not host=address:port.", nameof(map));
            }
            entries[parts[0]] = new DnsEndPoint(target[0], port);
        }
        return new PodEndpoints(entries);
    }

    /// <summary>A store pod's base URL, spelled as the operator renders the directory's <c>--store</c> arguments (https with TLS).</summary>
    public static Uri StorePod(string cluster, string ns, string pod, int port, string scheme = "http") =>
        new(string.Create(CultureInfo.InvariantCulture, $"{scheme}://{pod}.{cluster}-store.{ns}.svc:{port}/"));

    /// <summary>A connection handler that honours the host map (and is a plain handler without one).</summary>
    public SocketsHttpHandler CreateHandler(TimeSpan connectTimeout)
    {
        var handler = new SocketsHttpHandler { ConnectTimeout = connectTimeout, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1) };
        if (_hostMap.Count > 0)
        {
            handler.ConnectCallback = ConnectAsync;
        }
        return handler;
    }

    /// <summary>Where a connection to <paramref name="host"/> really goes.</summary>
    public DnsEndPoint Resolve(string host, int port) => _hostMap.GetValueOrDefault(host) ?? new DnsEndPoint(host, port);

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(Resolve(context.DnsEndPoint.Host, context.DnsEndPoint.Port), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
