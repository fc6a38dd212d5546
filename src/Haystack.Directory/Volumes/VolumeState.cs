using System.Text.Json.Serialization;

namespace Haystack.Directory.Volumes;

/// <summary>What a logical volume accepts. Reads work in every state.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VolumeState>))]
public enum VolumeState
{
    /// <summary>Every replica is healthy and below the read-only threshold: uploads may go here.</summary>
    [JsonStringEnumMemberName("writable")]
    Writable,

    /// <summary>Full (reached the threshold) or marked by an administrator; one way, deletes still work.</summary>
    [JsonStringEnumMemberName("readonly")]
    ReadOnly,

    /// <summary>A replica is unreachable, missing, failed a write or served corrupt data: no uploads.</summary>
    [JsonStringEnumMemberName("degraded")]
    Degraded,
}
