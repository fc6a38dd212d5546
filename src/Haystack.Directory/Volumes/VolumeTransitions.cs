using Haystack.Directory.Stores;
using Microsoft.Extensions.Logging;

namespace Haystack.Directory.Volumes;

/// <summary>
/// State changes that take a volume out of the write path. The table is updated (and saved) first, so no new
/// upload picks the volume while the stores are being told.
/// </summary>
public sealed class VolumeTransitions(VolumeTable table, StoreClient stores, ILogger<VolumeTransitions> logger)
{
    /// <summary>
    /// No more uploads until the replicas are healthy again, or, with <paramref name="needsRepair"/>
    /// (a replica served corrupt data), until a repair. Reads keep going to the replicas.
    /// </summary>
    public async Task<LogicalVolume?> MarkDegradedAsync(uint volumeId, string reason, bool needsRepair, CancellationToken cancellationToken)
    {
        var updated = await table.UpdateAsync(volumeId, volume => volume.State == VolumeState.Degraded && (volume.NeedsRepair || !needsRepair)
            ? volume
            : volume with { State = VolumeState.Degraded, Reason = reason, NeedsRepair = volume.NeedsRepair || needsRepair }, cancellationToken);
        if (updated is not null)
        {
            logger.LogWarning("Volume {VolumeId} is degraded: {Reason}", volumeId, updated.Reason);
        }
        return updated;
    }

    /// <summary>
    /// One way: the volume takes no more uploads and every replica is marked read-only (a replica that cannot be
    /// reached now is marked by a later probe). A degraded volume stays degraded; it heals into read-only.
    /// </summary>
    public async Task<LogicalVolume?> MarkReadOnlyAsync(uint volumeId, string reason, CancellationToken cancellationToken)
    {
        var updated = await table.UpdateAsync(volumeId, volume => volume.State == VolumeState.Writable
            ? volume with { State = VolumeState.ReadOnly, Reason = reason }
            : volume, cancellationToken);
        if (updated is null)
        {
            return null;
        }
        logger.LogInformation("Volume {VolumeId} is read-only: {Reason}", volumeId, reason);
        await Task.WhenAll(updated.Replicas.Select(store => MarkReplicaReadOnlyAsync(store, volumeId, cancellationToken)));
        return updated;
    }

    /// <summary>Marks one replica read-only; a failure is logged and left to the next probe.</summary>
    public async Task MarkReplicaReadOnlyAsync(Uri store, uint volumeId, CancellationToken cancellationToken)
    {
        try
        {
            await stores.MarkReadOnlyAsync(store, volumeId, cancellationToken);
        }
        catch (StoreCallException e)
        {
            logger.LogWarning("Could not mark volume {VolumeId} read-only on {Store}; the next probe retries: {Error}", volumeId, store, e.Message);
        }
    }
}
