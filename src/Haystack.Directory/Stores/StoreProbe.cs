using Haystack.Protocol;

namespace Haystack.Directory.Stores;

/// <summary>The outcome of probing one store: its volumes, or why it could not be asked.</summary>
public sealed record StoreProbe(Uri Store, DateTimeOffset At, IReadOnlyList<VolumeStatus>? Volumes, string? Error)
{
    public bool IsUp => Volumes is not null;

    public VolumeStatus? Find(uint volumeId) => Volumes?.FirstOrDefault(v => v.VolumeId == volumeId);
}
