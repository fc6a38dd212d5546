using Haystack.Directory.Volumes;

namespace Haystack.Directory.Photos;

/// <summary>
/// Picks the writable volume for the next upload or assignment (<see cref="VolumePicker"/>'s rule); when none is
/// writable and creation is on, creates volumes first. Says why nothing could be picked.
/// </summary>
public sealed class WritableVolumeChooser(VolumeTable table, VolumeLoad load, VolumeGrowth growth)
{
    /// <summary>The preferred writable volume not in <paramref name="excluded"/>, or null.</summary>
    public async Task<LogicalVolume?> ChooseAsync(IReadOnlySet<uint> excluded, CancellationToken cancellationToken)
    {
        var chosen = Choose(excluded);
        if (chosen is null && growth.Enabled && await growth.EnsureWritableAsync(cancellationToken) > 0)
        {
            chosen = Choose(excluded);
        }
        return chosen;
    }

    /// <summary>Why no volume is writable, naming the volumes and their reasons, and what to do.</summary>
    public string DescribeNoWritableVolume()
    {
        var volumes = table.List();
        if (volumes.Count == 0)
        {
            return growth.Enabled
                ? "No writable volume: the volume table is empty and no volume could be created; check that the stores are up."
                : "No writable volume: the volume table is empty; create volumes (the operator does in Kubernetes).";
        }
        var reasons = string.Join("; ", volumes
            .Where(v => v.State != VolumeState.Writable)
            .Take(5)
            .Select(v => $"volume {v.Id} is {(v.State == VolumeState.ReadOnly ? "read-only" : "degraded")}: {v.Reason ?? "no reason recorded"}"));
        var advice = growth.Enabled ? "check the stores (new volumes are created when enough stores are up)" : "add volumes or repair the degraded ones";
        return $"No writable volume among {volumes.Count}: {reasons}. Retry later; {advice}.";
    }

    private LogicalVolume? Choose(IReadOnlySet<uint> excluded) =>
        VolumePicker.InPreferenceOrder(table.List(), load.Of).FirstOrDefault(v => !excluded.Contains(v.Id));
}
