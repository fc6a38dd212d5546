using System.Text.Json.Serialization;

namespace Haystack.Directory.Volumes;

/// <summary>
/// One row of the logical volume table: logical volume N is physical volume N on each replica store.
/// The size figures come from the stores' volume status and are refreshed by every probe.
/// </summary>
public sealed record LogicalVolume
{
    [JsonPropertyName("id")]
    public required uint Id { get; init; }

    [JsonPropertyName("state")]
    public required VolumeState State { get; init; }

    /// <summary>Base URLs of the stores holding a replica, e.g. http://127.0.0.1:7101.</summary>
    [JsonPropertyName("replicas")]
    public required IReadOnlyList<Uri> Replicas { get; init; }

    /// <summary>Why the volume is degraded or read-only, for operators; null while writable.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    /// <summary>
    /// Set when a replica served corrupt data: probes do not return the volume to writable, a repair
    /// (replica rebuild) must. Unreachable replicas heal on their own once every probe succeeds again.
    /// </summary>
    [JsonPropertyName("needs_repair")]
    public bool NeedsRepair { get; init; }

    /// <summary>The largest data file size among the replicas.</summary>
    [JsonPropertyName("size_bytes")]
    public long SizeBytes { get; init; }

    /// <summary>The smaller of the stores' volume size limit and the Directory's own limit.</summary>
    [JsonPropertyName("size_limit_bytes")]
    public long SizeLimitBytes { get; init; }

    [JsonPropertyName("needles")]
    public long NeedleCount { get; init; }

    [JsonIgnore]
    public long FreeBytes => Math.Max(0, SizeLimitBytes - SizeBytes);

    /// <summary>Size over limit, 0..1; compared with the read-only threshold.</summary>
    [JsonIgnore]
    public double Fill => SizeLimitBytes <= 0 ? 0 : (double)SizeBytes / SizeLimitBytes;
}
