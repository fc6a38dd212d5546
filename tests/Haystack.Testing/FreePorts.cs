using System.Net;
using System.Net.Sockets;

namespace Haystack.Testing;

/// <summary>
/// Ports on 127.0.0.1 that nothing listens on right now, for servers that must be told their port up front.
/// They are drawn from below the kernel's ephemeral range (ip_local_port_range): a port in that range is free
/// for anyone's outgoing connection to take as its source port while its server is not listening (before it
/// binds, or while a killed server waits to be restarted on the same port), and the server then cannot bind it.
/// </summary>
public static class FreePorts
{
    private const int Lowest = 10000;
    private static readonly HashSet<int> Handed = [];
    private static readonly int Highest = EphemeralRangeStart() - 1;

    public static int Next() => Block(0);

    /// <summary>A base port such that base+offset is free for every offset (haystack dev derives its ports from a few bases).</summary>
    public static int Block(params int[] offsets)
    {
        var span = offsets.Max();
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var candidate = Random.Shared.Next(Lowest, Highest - span + 1);
            lock (Handed)
            {
                // Never hand the same port twice in one test run, even after its first user released it.
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
        throw new InvalidOperationException($"found no block of free ports between {Lowest} and {Highest}");
    }

    /// <summary>The first port the kernel hands out for outgoing connections (Linux default 32768).</summary>
    private static int EphemeralRangeStart()
    {
        const int linuxDefault = 32768;
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            // A range that leaves too little room below it: fall back to the default and rely on the probe.
            return int.TryParse(range[0], out var start) && start > Lowest + 2000 ? start : linuxDefault;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or IndexOutOfRangeException)
        {
            return linuxDefault;
        }
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
