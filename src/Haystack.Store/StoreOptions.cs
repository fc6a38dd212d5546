using Haystack.Hosting;
using Haystack.Hosting.Uploads;
using Haystack.Protocol;
using Haystack.Storage;
using Haystack.Store.Scrub;
using Haystack.Telemetry;

namespace Haystack.Store;

/// <summary>How one Store process runs: where its volumes live, where it listens, what it accepts.</summary>
public sealed record StoreOptions
{
    /// <summary>The directory holding every volume's files (one local disk, XFS in production).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>HTTP/1.1 port for needles, administration and stats; 0 picks a free port (tests).</summary>
    public int HttpPort { get; init; } = 8080;

    /// <summary>HTTP/2 cleartext (h2c, prior knowledge) port for gRPC; 0 picks a free port.</summary>
    public int GrpcPort { get; init; } = 8081;

    /// <summary>Listen on 127.0.0.1 only (tests, a developer machine) instead of every interface.</summary>
    public bool LoopbackOnly { get; init; }

    /// <summary>Volumes to create at start-up when the directory does not hold them yet.</summary>
    public IReadOnlyList<uint> VolumesToCreate { get; init; } = [];

    /// <summary>The settings of volumes created by this store; also bounds the accepted body size.</summary>
    public VolumeOptions Volume { get; init; } = new();

    /// <summary>An upload slower than this after <see cref="MinUploadGracePeriod"/> is aborted and nothing is stored.</summary>
    public double MinUploadBytesPerSecond { get; init; } = 4096;

    public TimeSpan MinUploadGracePeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The keys writes, deletes, administration and the volume stream need (docs/security.md); none: all open.</summary>
    public AccessKeys Keys { get; init; } = AccessKeys.None;

    /// <summary>The certificate both ports serve TLS with (<c>--tls-cert</c>, <c>--tls-key</c>); null: plain HTTP and h2c.</summary>
    public ServerTls? Tls { get; init; }

    /// <summary>The CA an https peer must chain to when a replica is pulled from it (<c>--tls-ca</c>); null: the system's roots.</summary>
    public TrustedAuthority? TrustedCa { get; init; }

    /// <summary>Bytes that uploads in flight may hold in all; null takes <see cref="UploadMemoryBudget.DefaultBytes"/> of the container's limit.</summary>
    public long? UploadMemoryBudgetBytes { get; init; }

    /// <summary>How long an upload over the budget waits for room before it gets 503.</summary>
    public TimeSpan UploadMemoryWait { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>An upload body that sends nothing for this long is cut (408) and nothing is stored.</summary>
    public TimeSpan UploadStallLimit { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Open connections the store accepts in all.</summary>
    public int MaxConnections { get; init; } = KestrelLimits.DefaultMaxConnections;

    /// <summary>The background scrub: its rate (0 pauses it), step and the time between passes.</summary>
    public ScrubOptions Scrub { get; init; } = new();

    /// <summary>/metrics, traces and the log format.</summary>
    public TelemetryOptions Telemetry { get; init; } = new();

    /// <summary>Largest needle body accepted over either protocol.</summary>
    public int MaxNeedleBytes => Volume.MaxNeedleDataBytes;

    /// <summary>Largest gRPC request message: a needle plus its photo id, content type and protobuf framing.</summary>
    public int MaxGrpcMessageBytes => MaxNeedleBytes + (64 * 1024);

    /// <summary>The upload memory budget in force: the configured one, or the default for this container.</summary>
    public long UploadBudgetInForceBytes => UploadMemoryBudgetBytes ?? UploadMemoryBudget.DefaultBytes(ContainerMemoryLimit.Read(), MaxNeedleBytes);

    /// <summary>Throws when a setting cannot work, naming it.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            throw new ArgumentException("The store needs a data directory (--data).", nameof(DataDirectory));
        }
        ValidatePort(HttpPort, nameof(HttpPort));
        ValidatePort(GrpcPort, nameof(GrpcPort));
        if (HttpPort != 0 && HttpPort == GrpcPort)
        {
            throw new ArgumentException($"HTTP and gRPC need different ports; both are {HttpPort}.", nameof(GrpcPort));
        }
        if (MinUploadGracePeriod <= TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(MinUploadGracePeriod), MinUploadGracePeriod,
                "Kestrel checks data rates once a second; the grace period must be longer than that.");
        }
        Volume.Validate();
        if (UploadMemoryBudgetBytes < UploadMemoryBudget.MinimumBytes(MaxNeedleBytes))
        {
            throw new ArgumentOutOfRangeException(nameof(UploadMemoryBudgetBytes), UploadMemoryBudgetBytes,
                $"The upload memory budget (--upload-memory-budget) must be at least {UploadMemoryBudget.MinimumBytes(MaxNeedleBytes)} bytes to take one needle of {MaxNeedleBytes} bytes (--max-needle-bytes).");
        }
        if (MaxConnections < 1 || UploadStallLimit <= TimeSpan.Zero || UploadMemoryWait < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConnections),
                "The store needs at least one connection (--max-connections), a positive upload stall limit and a wait that is not negative.");
        }
        Scrub.Validate();
    }

    private static void ValidatePort(int port, string name)
    {
        if (port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(name, port, "A port is between 0 and 65535.");
        }
    }
}
