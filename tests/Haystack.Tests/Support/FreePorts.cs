using System.Net;
using System.Net.Sockets;

namespace Haystack.Tests.Support;

/// <summary>Ports on 127.0.0.1 that nothing listens on right now, for servers that must be told their port up front.</summary>
public static class FreePorts
{
    private static readonly HashSet<int> Handed = [];

    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (Handed)
            {
                // Never hand the same port twice in one test run, even after its first user released it.
                if (Handed.Add(port))
                {
                    return port;
                }
            }
        }
    }

    /// <summary>A base port such that base+offset is free for every offset (haystack dev derives its ports from a few bases).</summary>
    public static int Block(params int[] offsets)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var candidate = Random.Shared.Next(20000, 40000);
            lock (Handed)
            {
                if (offsets.All(offset => !Handed.Contains(candidate + offset) && IsFree(candidate + offset)))
                {
                    foreach (var offset in offsets)
                    {
                        Handed.Add(candidate + offset);
                    }
                    return candidate;
                }
            }
        }
        throw new InvalidOperationException("found no block of free ports");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
