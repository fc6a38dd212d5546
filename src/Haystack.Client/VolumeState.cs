using System.Text.Json.Serialization;

namespace Haystack.Client;

/// <summary>What a logical volume accepts; reads work in every state.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VolumeState>))]
public enum VolumeState
{
    /// <summary>Every replica is healthy and below the read-only threshold: uploads may go here.</summary>
    [JsonStringEnumMemberName("writable")]
    Writable,

    /// <summary>Full, or marked read-only by an administrator; deletes still work.</summary>
    [JsonStringEnumMemberName("readonly")]
    ReadOnly,

    /// <summary>A replica is unreachable, missing, failed a write or served corrupt data: no uploads.</summary>
    [JsonStringEnumMemberName("degraded")]
    Degraded,
}
