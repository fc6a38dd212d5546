using Haystack.Hosting;
using Haystack.Protocol;
using Haystack.Telemetry;

namespace Haystack.Cache;

/// <summary>How one cache node runs: where it listens, which Directory and peers it knows, how much it keeps.</summary>
public sealed record CacheOptions
{
    public const string DefaultCdnHeader = "X-Haystack-Cdn";

    public const long DefaultCapacityBytes = 256L * 1024 * 1024;

    /// <summary>HTTP port; 0 picks a free port (tests).</summary>
    public int Port { get; init; } = 7080;

    /// <summary>Listen on 127.0.0.1 only (tests, a developer machine) instead of every interface.</summary>
    public bool LoopbackOnly { get; init; }

    /// <summary>The Directory's base URL, for volume lookups and replica problem reports.</summary>
    public required Uri DirectoryUrl { get; init; }

    /// <summary>How the Directory, stores and peers are reached: cluster DNS, or a host map in tests (<see cref="PodEndpoints.HostMapVariable"/>).</summary>
    public PodEndpoints Endpoints { get; init; } = PodEndpoints.ClusterDns;

    /// <summary>Every cache node of the hash ring, this one included; empty means this node alone.</summary>
    public IReadOnlyList<Uri> Nodes { get; init; } = [];

    /// <summary>This node's address as it appears in <see cref="Nodes"/>; found by port when not given.</summary>
    public Uri? Self { get; init; }

    /// <summary>Memory for photo bodies and their headers, entry overhead included.</summary>
    public long CapacityBytes { get; init; } = DefaultCapacityBytes;

    /// <summary>A request carrying this header came through a CDN: it is served but not cached (the paper's rule).</summary>
    public string CdnHeader { get; init; } = DefaultCdnHeader;

    /// <summary>How long a volume's replica list from the Directory is reused before asking again.</summary>
    public TimeSpan LookupTtl { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait for one replica (or the owning peer) before trying the next.</summary>
    public TimeSpan ReplicaTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A replica that failed is tried after the healthy ones for this long.</summary>
    public TimeSpan ReplicaPenalty { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The keys its DELETE needs (and reads, with a read key), and the key it presents to the directory, stores and peers.</summary>
    public AccessKeys Keys { get; init; } = AccessKeys.None;

    /// <summary>The certificate its port serves TLS with; null: plain HTTP.</summary>
    public ServerTls? Tls { get; init; }

    /// <summary>The CA that https directory, store and peer URLs must chain to (<c>--tls-ca</c>); null: the system's roots.</summary>
    public TrustedAuthority? TrustedCa { get; init; }

    /// <summary>/metrics, traces and the log format.</summary>
    public TelemetryOptions Telemetry { get; init; } = new();

    /// <summary>Throws when a setting cannot work, naming the command-line option.</summary>
    public void Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "--port is between 0 and 65535.");
        }
        if (!DirectoryUrl.IsAbsoluteUri || DirectoryUrl.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"--directory '{DirectoryUrl}' is not an http(s) URL.", nameof(DirectoryUrl));
        }
        foreach (var node in Nodes)
        {
            if (!node.IsAbsoluteUri || node.Scheme is not ("http" or "https"))
            {
                throw new ArgumentException($"--node '{node}' is not an http(s) URL.", nameof(Nodes));
            }
        }
        if (CapacityBytes < 1024 * 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(CapacityBytes), CapacityBytes, "--capacity-bytes must be at least 1 MiB.");
        }
        if (string.IsNullOrWhiteSpace(CdnHeader))
        {
            throw new ArgumentException("--cdn-header must name a header.", nameof(CdnHeader));
        }
        if (LookupTtl < TimeSpan.Zero || ReplicaTimeout <= TimeSpan.Zero || ReplicaPenalty < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ReplicaTimeout), "Timeouts must be positive and TTLs not negative.");
        }
    }
}
