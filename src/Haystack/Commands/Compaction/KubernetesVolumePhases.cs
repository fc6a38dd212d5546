using Haystack.Api;
using Haystack.Operator.Api;
using Haystack.Operator.Entities;
using k8s;
using k8s.Autorest;

namespace Haystack.Commands.Compaction;

/// <summary>
/// Sets a Volume resource's status.phase to Compacting for the time its replicas are compacted, and back to the phase
/// it had. Each write reads the Volume first and is retried when it loses a race (409 Conflict) with the operator or
/// the directory, which write the same status.
/// </summary>
public sealed class KubernetesVolumePhases(IKubernetes client, string ns, string clusterName, TextWriter log) : IVolumePhaseMarker
{
    private const int Attempts = 5;

    public async Task<IAsyncDisposable> MarkCompactingAsync(uint volumeId, CancellationToken cancellationToken)
    {
        var name = await FindAsync(volumeId, cancellationToken);
        if (name is null)
        {
            await log.WriteLineAsync($"haystack: no Volume resource of cluster {clusterName} in namespace {ns} has id {volumeId}; its phase is not shown.");
            return new Restore(null);
        }
        VolumePhase? previous = null;
        await WritePhaseAsync(name, current => (previous = current) == VolumePhase.Compacting ? null : VolumePhase.Compacting, cancellationToken);
        return new Restore(() => WritePhaseAsync(name, current => current == VolumePhase.Compacting ? PhaseAfter(previous) : null, CancellationToken.None));
    }

    /// <summary>A Volume left Compacting by a run that died has no phase to go back to; the operator's next look corrects Writable.</summary>
    private static VolumePhase PhaseAfter(VolumePhase? previous) => previous is null or VolumePhase.Compacting ? VolumePhase.Writable : previous.Value;

    private async Task<string?> FindAsync(uint volumeId, CancellationToken cancellationToken)
    {
        string? continueToken = null;
        do
        {
            var page = await client.ListAsync<V1Alpha1HaystackVolume>(HaystackResourceKinds.Volumes, ns, continueToken, 500, cancellationToken);
            if (page.Items.FirstOrDefault(volume => volume.Spec.ClusterName == clusterName && volume.Spec.Id == volumeId) is { } found)
            {
                return found.Metadata.Name;
            }
            continueToken = page.Metadata.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(continueToken));
        return null;
    }

    /// <summary>Reads the Volume, asks <paramref name="next"/> for the phase to write (null: leave it), writes it with the read resourceVersion.</summary>
    private async Task WritePhaseAsync(string name, Func<VolumePhase?, VolumePhase?> next, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var volume = await client.ReadAsync<V1Alpha1HaystackVolume>(HaystackResourceKinds.Volumes, name, ns, cancellationToken);
            volume.Status ??= new HaystackVolumeStatus();
            if (next(volume.Status.Phase) is not { } phase)
            {
                return;
            }
            volume.Status.Phase = phase;
            try
            {
                await client.ReplaceStatusAsync(HaystackResourceKinds.Volumes, volume, name, ns, "haystack-compact", cancellationToken);
                return;
            }
            catch (HttpOperationException error) when (error.IsConflict() && attempt < Attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken);
            }
        }
    }

    private sealed class Restore(Func<Task>? restore) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (restore is not null)
            {
                await restore();
            }
        }
    }
}
