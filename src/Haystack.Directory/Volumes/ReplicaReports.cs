using Haystack.Protocol;

namespace Haystack.Directory.Volumes;

/// <summary>Replica problems reported by caches (<c>POST /dir/report</c>): each takes the volume out of the write path.</summary>
public sealed class ReplicaReports(VolumeTable table, VolumeTransitions transitions, DirectoryStats stats)
{
    public async Task<LogicalVolume> ReportAsync(PhotoId id, Uri store, ReplicaProblem problem, CancellationToken cancellationToken)
    {
        var volume = table.Find(id.VolumeId)
            ?? throw new DirectoryException(DirectoryFailure.NotFound, $"Volume {id.VolumeId} of photo {id} is not in the volume table.");
        if (!volume.Replicas.Contains(store))
        {
            throw new DirectoryException(DirectoryFailure.InvalidArgument,
                $"The store {store} holds no replica of volume {id.VolumeId}; its replicas are {string.Join(", ", volume.Replicas)}.");
        }
        stats.RecordReport();
        var what = problem == ReplicaProblem.Corrupt ? "served corrupt data for" : "was unreachable for";
        return await transitions.MarkDegradedAsync(volume.Id, $"a cache reported that the replica on {store} {what} {id}",
            needsRepair: problem == ReplicaProblem.Corrupt, cancellationToken) ?? volume;
    }
}
