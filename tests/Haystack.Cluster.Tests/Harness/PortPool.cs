using System.Net;
using System.Net.Sockets;

namespace Haystack.Cluster.Tests.Harness;

/// <summary>
/// Ports for the pods' listeners, handed out once per test run. They come from below the kernel's ephemeral range
/// (ip_local_port_range): a restarted pod binds the same port again, and a port in the ephemeral range may meanwhile
/// be taken as the source port of someone's outgoing connection.
/// </summary>
internal static class PortPool
{
    private const int Lowest = 12000;
    private static readonly HashSet<int> Handed = [];
    private static readonly int Highest = EphemeralRangeStart() - 1;

    public static int Next()
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var candidate = Random.Shared.Next(Lowest, Highest);
            lock (Handed)
            {
                if (!Handed.Contains(candidate) && IsFree(candidate))
                {
                    Handed.Add(candidate);
                    return candidate;
                }
            }
        }
        throw new InvalidOperationException($"no free port between {Lowest} and {Highest}");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Any, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int EphemeralRangeStart()
    {
        const string Range = "/proc/sys/net/ipv4/ip_local_port_range";
        return File.Exists(Range) && int.TryParse(File.ReadAllText(Range).Split('\t', ' ')[0], out var start) ? start : 32768;
    }
}
