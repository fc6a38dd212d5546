using Haystack.Directory.Kubernetes;
using Haystack.Hosting;
using Haystack.Hosting.Uploads;
using Haystack.Protocol;
using Haystack.Telemetry;

namespace Haystack.Directory;

/// <summary>How one Directory runs: its table, its stores and caches, and the volume policy.</summary>
public sealed record DirectoryOptions
{
    /// <summary>The JSON state file holding the logical volume table and the key reservation (dev mode).</summary>
    public string? StateFile { get; init; }

    /// <summary>Keep the table in the cluster's <c>Volume</c> resources and the keys in its key ConfigMap instead of a state file.</summary>
    public KubernetesTableOptions? Kubernetes { get; init; }

    /// <summary>How store URLs are reached: cluster DNS, or a host map in tests (<see cref="PodEndpoints.HostMapVariable"/>).</summary>
    public PodEndpoints Endpoints { get; init; } = PodEndpoints.ClusterDns;

    /// <summary>HTTP/1.1 port for uploads, lookups, deletes and administration; 0 picks a free port (tests).</summary>
    public int HttpPort { get; init; } = 7070;

    /// <summary>HTTP/2 cleartext port for gRPC; 0 picks a free port.</summary>
    public int GrpcPort { get; init; } = 7071;

    /// <summary>Listen on 127.0.0.1 only instead of every interface.</summary>
    public bool LoopbackOnly { get; init; }

    /// <summary>Base URLs of the Store servers new volumes may be placed on.</summary>
    public required IReadOnlyList<Uri> Stores { get; init; }

    /// <summary>Base URLs of the cache nodes; photo URLs point at the node that owns the id.</summary>
    public IReadOnlyList<Uri> Caches { get; init; } = [];

    /// <summary>Replicas of each new logical volume, each on a different store.</summary>
    public int Replication { get; init; } = 3;

    /// <summary>The Directory's own volume size limit; the smaller of it and the stores' limit applies.</summary>
    public long VolumeSizeLimitBytes { get; init; } = 30L * 1024 * 1024 * 1024;

    /// <summary>A volume whose size reaches this share of its limit is marked read-only.</summary>
    public double ReadOnlyThreshold { get; init; } = 0.9;

    /// <summary>
    /// Keep at least this many writable volumes by creating new ones on the stores (dev mode). 0 turns creation
    /// off; with <see cref="Kubernetes"/> it is off whatever this says, as the operator creates the Volumes.
    /// </summary>
    public int WritableVolumes { get; init; } = 2;

    /// <summary>Whether this directory creates volumes itself (<see cref="WritableVolumes"/>, dev mode only).</summary>
    public bool CreatesVolumes => Kubernetes is null && WritableVolumes > 0;

    /// <summary>Largest accepted upload; bigger bodies get 413.</summary>
    public int MaxUploadBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>An upload that fails on a replica is retried on at most this many logical volumes in all.</summary>
    public int MaxUploadAttempts { get; init; } = 3;

    /// <summary>Bound on every call to a store (connect, write, answer).</summary>
    public TimeSpan StoreTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often every store is probed for health and volume figures.</summary>
    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The keys its writes and administration need, and the key it presents to stores and caches (docs/security.md).</summary>
    public AccessKeys Keys { get; init; } = AccessKeys.None;

    /// <summary>The certificate both ports serve TLS with; null: plain HTTP and h2c.</summary>
    public ServerTls? Tls { get; init; }

    /// <summary>The CA that https store and cache URLs must chain to (<c>--tls-ca</c>); null: the system's roots.</summary>
    public TrustedAuthority? TrustedCa { get; init; }

    /// <summary>Bytes that uploads in flight may hold in all; null takes <see cref="UploadMemoryBudget.DefaultBytes"/> of the container's limit.</summary>
    public long? UploadMemoryBudgetBytes { get; init; }

    /// <summary>How long an upload over the budget waits for room before it gets 503.</summary>
    public TimeSpan UploadMemoryWait { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>An upload body that sends nothing for this long is cut (408) and nothing is stored.</summary>
    public TimeSpan UploadStallLimit { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Open connections the directory accepts in all.</summary>
    public int MaxConnections { get; init; } = KestrelLimits.DefaultMaxConnections;

    /// <summary>The upload memory budget in force: the configured one, or the default for this container.</summary>
    public long UploadBudgetInForceBytes => UploadMemoryBudgetBytes ?? UploadMemoryBudget.DefaultBytes(ContainerMemoryLimit.Read(), MaxUploadBytes);

    /// <summary>
    /// A replica whose scrub finds more than this share of its needles damaged or missing is rebuilt whole from a healthy
    /// replica; below it, each needle is repaired on its own.
    /// </summary>
    public double RebuildThreshold { get; init; } = 0.1;

    /// <summary>/metrics, traces and the log format.</summary>
    public TelemetryOptions Telemetry { get; init; } = new();

    /// <summary>Throws when a setting cannot work, naming it.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(StateFile) == Kubernetes is null)
        {
            throw new ArgumentException("The directory keeps its table either in a state file (--state) or in Kubernetes (--kubernetes), one of the two.", nameof(StateFile));
        }
        if (Kubernetes is not null)
        {
            ValidateKubernetes(Kubernetes);
        }
        ValidatePort(HttpPort, nameof(HttpPort));
        ValidatePort(GrpcPort, nameof(GrpcPort));
        if (HttpPort != 0 && HttpPort == GrpcPort)
        {
            throw new ArgumentException($"HTTP and gRPC need different ports; both are {HttpPort}.", nameof(GrpcPort));
        }
        if (Stores.Count == 0)
        {
            throw new ArgumentException("The directory needs at least one store (--store URL).", nameof(Stores));
        }
        foreach (var url in Stores.Concat(Caches))
        {
            if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https") || url.AbsolutePath != "/" || url.Query.Length > 0)
            {
                throw new ArgumentException($"'{url}' is not a server base URL like http://127.0.0.1:7101.", nameof(Stores));
            }
        }
        if (Stores.Distinct().Count() != Stores.Count)
        {
            throw new ArgumentException("A store is listed twice; each --store must be a different server.", nameof(Stores));
        }
        if (Replication < 1 || Replication > Stores.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(Replication), Replication,
                $"Replication must be between 1 and the number of stores ({Stores.Count}): each replica needs its own store.");
        }
        if (ReadOnlyThreshold is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ReadOnlyThreshold), ReadOnlyThreshold, "The read-only threshold is a share of the volume size, above 0 and at most 1.");
        }
        if (VolumeSizeLimitBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(VolumeSizeLimitBytes), VolumeSizeLimitBytes, "The volume size limit must be positive.");
        }
        if (WritableVolumes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(WritableVolumes), WritableVolumes, "The number of writable volumes to keep cannot be negative (0 turns creation off).");
        }
        if (MaxUploadBytes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxUploadBytes), MaxUploadBytes, "The upload limit must be at least one byte.");
        }
        if (UploadMemoryBudgetBytes < UploadMemoryBudget.MinimumBytes(MaxUploadBytes))
        {
            throw new ArgumentOutOfRangeException(nameof(UploadMemoryBudgetBytes), UploadMemoryBudgetBytes,
                $"The upload memory budget (--upload-memory-budget) must be at least {UploadMemoryBudget.MinimumBytes(MaxUploadBytes)} bytes to take one upload of {MaxUploadBytes} bytes (--max-upload-bytes).");
        }
        if (MaxConnections < 1 || UploadStallLimit <= TimeSpan.Zero || UploadMemoryWait < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConnections),
                "The directory needs at least one connection (--max-connections), a positive upload stall limit and a wait that is not negative.");
        }
        if (MaxUploadAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxUploadAttempts), MaxUploadAttempts, "An upload needs at least one attempt.");
        }
        if (StoreTimeout <= TimeSpan.Zero || ProbeInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(StoreTimeout), "The store timeout and the probe interval must be positive.");
        }
        if (RebuildThreshold is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(RebuildThreshold), RebuildThreshold, "The rebuild threshold is a share of a replica's needles, from 0 to 1.");
        }
    }

    private void ValidateKubernetes(KubernetesTableOptions kubernetes)
    {
        if (!IsDnsLabel(kubernetes.Cluster) || !IsDnsLabel(kubernetes.Namespace))
        {
            throw new ArgumentException(
                $"The cluster ('{kubernetes.Cluster}') and namespace ('{kubernetes.Namespace}') must be DNS labels (lower-case letters, digits, '-').", nameof(Kubernetes));
        }
        ValidatePort(kubernetes.StorePort, nameof(kubernetes.StorePort));
    }

    private static bool IsDnsLabel(string value) =>
        value.Length is > 0 and <= 63 && value.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') && value[0] != '-' && value[^1] != '-';

    private static void ValidatePort(int port, string name)
    {
        if (port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(name, port, "A port is between 0 and 65535.");
        }
    }
}
