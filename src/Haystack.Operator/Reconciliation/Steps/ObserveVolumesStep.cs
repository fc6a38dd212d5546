using Haystack.Operator.Api;
using Haystack.Operator.Entities;

namespace Haystack.Operator.Reconciliation.Steps;

/// <summary>
/// Lists the cluster's logical volumes and counts them by phase and the bytes their replicas hold. A volume without
/// a phase yet (just created) is counted in the total only.
/// </summary>
public sealed class ObserveVolumesStep : IReconcileStep
{
    public string Name => "observe-volumes";

    public async Task RunAsync(ReconcileContext context, CancellationToken cancellationToken)
    {
        var clusterName = context.Cluster.Metadata.Name;
        var counts = new VolumeCounts();
        var volumes = new List<V1Alpha1HaystackVolume>();
        long usedBytes = 0;
        string? continueToken = null;
        do
        {
            var page = await context.Client.ListAsync<V1Alpha1HaystackVolume>(
                HaystackResourceKinds.Volumes, context.Namespace, continueToken, limit: 500, cancellationToken);
            foreach (var volume in page.Items.Where(v => v.Spec.ClusterName == clusterName))
            {
                volumes.Add(volume);
                counts.Total++;
                switch (volume.Status?.Phase)
                {
                    case VolumePhase.Writable:
                        counts.Writable++;
                        break;
                    case VolumePhase.ReadOnly:
                        counts.ReadOnly++;
                        break;
                    case VolumePhase.Degraded or VolumePhase.Rebuilding:
                        counts.Degraded++;
                        break;
                    case VolumePhase.Compacting:
                        counts.Compacting++;
                        break;
                    case VolumePhase.Lost:
                        counts.Lost++;
                        break;
                }
                usedBytes += (volume.Status?.Bytes ?? 0) * Math.Max(1, volume.Status?.Placements?.Count ?? 0);
            }
            continueToken = page.Metadata.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(continueToken));

        context.Volumes = counts;
        context.ClusterVolumes = volumes;
        context.UsedBytes = usedBytes;
    }
}
