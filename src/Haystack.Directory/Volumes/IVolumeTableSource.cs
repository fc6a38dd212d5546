namespace Haystack.Directory.Volumes;

/// <summary>
/// Where the logical volume table lives: a JSON state file on one machine (<see cref="JsonStateFile"/>), the
/// Kubernetes <c>Volume</c> resources in a cluster. Saves are whole snapshots, never applied out of order.
/// </summary>
public interface IVolumeTableSource
{
    /// <summary>Names the source in logs and errors, e.g. "state file /data/directory/volumes.json".</summary>
    string Description { get; }

    /// <summary>The saved table, or <see cref="VolumeTableSnapshot.Empty"/> when nothing was saved yet.</summary>
    Task<VolumeTableSnapshot> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Returns once the snapshot is durable.</summary>
    Task SaveAsync(VolumeTableSnapshot snapshot, CancellationToken cancellationToken);
}
