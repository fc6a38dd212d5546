namespace Haystack.Directory.Volumes;

/// <summary>
/// Where the logical volume table lives: a JSON state file on one machine (<see cref="JsonStateFile"/>), the
/// cluster's <c>Volume</c> resources in Kubernetes (<see cref="Kubernetes.KubernetesVolumeTable"/>), which other
/// directory replicas and the operator write too. Photo keys are kept apart, behind <see cref="IKeyReservations"/>.
/// </summary>
public interface IVolumeTableSource
{
    /// <summary>Names the source in logs and errors, e.g. "state file /data/directory/volumes.json".</summary>
    string Description { get; }

    /// <summary>The saved volumes; none when nothing was saved yet.</summary>
    Task<IReadOnlyList<LogicalVolume>> LoadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Durably records a new or changed volume. A source shared with other writers may find the stored volume
    /// changed since it was read: it then applies <paramref name="change"/> to the stored one instead (a bounded
    /// number of times) and returns what it stored, which the table takes over.
    /// </summary>
    Task<LogicalVolume> SaveAsync(LogicalVolume volume, Func<LogicalVolume, LogicalVolume> change, CancellationToken cancellationToken);

    /// <summary>Saves the size figures every probe refreshes; a source that records them with each state change skips this.</summary>
    Task SaveFiguresAsync(IReadOnlyList<LogicalVolume> volumes, CancellationToken cancellationToken);

    /// <summary>
    /// Feeds the changes others make (directory replicas, the operator) into <paramref name="table"/> until
    /// cancelled; completes at once for a source nobody else writes.
    /// </summary>
    Task FollowAsync(VolumeTable table, CancellationToken cancellationToken);
}
