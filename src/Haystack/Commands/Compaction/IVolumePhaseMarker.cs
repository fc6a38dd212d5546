namespace Haystack.Commands.Compaction;

/// <summary>Shows a volume as Compacting while its replicas are compacted (on Kubernetes: the Volume's status.phase).</summary>
public interface IVolumePhaseMarker
{
    /// <summary>Marks the volume Compacting; disposing the answer puts back the phase it had before.</summary>
    Task<IAsyncDisposable> MarkCompactingAsync(uint volumeId, CancellationToken cancellationToken);
}
