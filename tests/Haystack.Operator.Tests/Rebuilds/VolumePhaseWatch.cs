using System.Text.Json;
using Haystack.Operator.Entities;
using k8s;

namespace Haystack.Operator.Tests.Rebuilds;

/// <summary>Every phase one Volume passes through, as a watch on the API server reports its changes.</summary>
internal sealed class VolumePhaseWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _phases = [];
    private readonly Task _watching;

    private VolumePhaseWatch(IKubernetes client, string volumeName)
    {
        _watching = Task.Run(async () =>
        {
            try
            {
                await foreach (var (_, item) in client.CustomObjects.WatchListNamespacedCustomObjectAsync(
                    HaystackApi.Group, HaystackApi.Version, "haystack", "volumes", cancellationToken: _stop.Token))
                {
                    var volume = KubernetesJson.Deserialize<V1Alpha1HaystackVolume>((JsonElement)item);
                    if (volume.Metadata.Name == volumeName && volume.Status?.Phase is { } phase)
                    {
                        lock (_phases)
                        {
                            if (_phases.Count == 0 || _phases[^1] != phase.ToString())
                            {
                                _phases.Add(phase.ToString());
                            }
                        }
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    public static async Task<VolumePhaseWatch> StartAsync(Haystack.Kubernetes.Fake.FakeApiServer server, IKubernetes client, string volumeName)
    {
        var before = server.OpenWatches;
        var watch = new VolumePhaseWatch(client, volumeName);
        await server.WaitForWatchesAsync(before + 1, CancellationToken.None);
        return watch;
    }

    /// <summary>The phases seen so far, consecutive repeats folded; waits until <paramref name="last"/> has been seen.</summary>
    public async Task<string[]> UntilAsync(string last)
    {
        for (var i = 0; i < 200; i++)
        {
            lock (_phases)
            {
                if (_phases.Count > 0 && _phases[^1] == last)
                {
                    return [.. _phases];
                }
            }
            await Task.Delay(25);
        }
        lock (_phases)
        {
            return [.. _phases];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        _stop.Dispose();
    }
}
