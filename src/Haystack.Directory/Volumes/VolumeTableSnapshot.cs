using System.Text.Json.Serialization;

namespace Haystack.Directory.Volumes;

/// <summary>What <see cref="JsonStateFile"/> keeps: the volumes and the key reservation.</summary>
/// <param name="ReservedKeys">
/// Every key below this may have been handed out; after a restart the Directory continues from here so that
/// keys never repeat and keep increasing (the stores' needle maps pack increasing keys tightly).
/// </param>
public sealed record VolumeTableSnapshot(
    [property: JsonPropertyName("reserved_keys")] ulong ReservedKeys,
    [property: JsonPropertyName("volumes")] IReadOnlyList<LogicalVolume> Volumes)
{
    public static VolumeTableSnapshot Empty { get; } = new(1, []);
}
