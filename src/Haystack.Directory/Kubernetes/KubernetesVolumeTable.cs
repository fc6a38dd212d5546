using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Haystack.Api;
using Haystack.Directory.Volumes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Haystack.Directory.Kubernetes;

/// <summary>
/// The volume table as the cluster's <c>Volume</c> resources, shared by every directory replica and the operator.
/// List+watch (through <see cref="Reflector{T}"/>, which relists after 410 Gone) brings every change into the
/// table; the Directory's own decisions (degraded, read-only, healed) go to the status subresource as a merge patch
/// conditioned on the resourceVersion it last saw, so a decision about replicas that moved meanwhile is re-made on
/// the fresh object. The operator creates Volumes; the Directory never does.
/// </summary>
public sealed class KubernetesVolumeTable(IKubernetes client, KubernetesTableOptions options, ILogger<KubernetesVolumeTable> logger) : IVolumeTableSource
{
    /// <summary>Writes that lose the race this often in a row give up; the next probe decides again.</summary>
    public const int MaxWriteAttempts = 5;

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<uint, VolumeResource> _seen = new();
    private readonly Reflector<VolumeResource> _reflector = new(ListWatchOf(client, options.Namespace));

    public string Description => $"Volume resources of HaystackCluster {options.Namespace}/{options.Cluster}";

    public async Task<IReadOnlyList<LogicalVolume>> LoadAsync(CancellationToken cancellationToken)
    {
        var volumes = new List<LogicalVolume>();
        string? next = null;
        do
        {
            var page = await client.CustomObjects.ListNamespacedCustomObjectAsync<KubernetesList<VolumeResource>>(
                VolumeResource.Group, VolumeResource.Version, options.Namespace, VolumeResource.Plural, continueParameter: next, limit: 500, cancellationToken: cancellationToken);
            volumes.AddRange(page.Items.Where(Mine).Select(Remember));
            next = page.Metadata?.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(next));
        return volumes;
    }

    public async Task<LogicalVolume> SaveAsync(LogicalVolume volume, Func<LogicalVolume, LogicalVolume> change, CancellationToken cancellationToken)
    {
        if (!_seen.TryGetValue(volume.Id, out var resource))
        {
            throw new InvalidOperationException(
                $"Volume {volume.Id} is not a Volume resource of {options.Cluster}: in Kubernetes the operator creates volumes, the directory does not.");
        }
        for (var attempt = 1; ; attempt++)
        {
            if (!VolumeResourceView.IsDirectoryPhase(resource.Status?.Phase))
            {
                // Rebuilding and Compacting are the operator's; it hands the volume back with a phase of ours.
                return VolumeResourceView.ToLogicalVolume(resource, options);
            }
            try
            {
                var stored = await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync<VolumeResource>(
                    StatusPatch(resource, volume), VolumeResource.Group, VolumeResource.Version, options.Namespace, VolumeResource.Plural,
                    resource.Metadata.Name, cancellationToken: cancellationToken);
                _seen[volume.Id] = stored;
                return volume;
            }
            catch (HttpOperationException e) when (e.IsConflict() && attempt < MaxWriteAttempts)
            {
                resource = await client.CustomObjects.GetNamespacedCustomObjectAsync<VolumeResource>(
                    VolumeResource.Group, VolumeResource.Version, options.Namespace, VolumeResource.Plural, resource.Metadata.Name, cancellationToken);
                _seen[volume.Id] = resource;
                volume = change(VolumeResourceView.ToLogicalVolume(resource, options) with
                {
                    SizeBytes = volume.SizeBytes, NeedleCount = volume.NeedleCount, SizeLimitBytes = volume.SizeLimitBytes,
                });
                logger.LogInformation("Volume {VolumeId} changed while its status was written; applying the change to the new version {Version}", volume.Id, resource.Metadata.ResourceVersion);
            }
        }
    }

    /// <summary>The figures are written with every phase change; one write per volume per probe would flood the API server.</summary>
    public Task SaveFiguresAsync(IReadOnlyList<LogicalVolume> volumes, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task FollowAsync(VolumeTable table, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var (type, resource) in _reflector.RunAsync(cancellationToken))
                {
                    if (!Mine(resource))
                    {
                        continue;
                    }
                    if (type == WatchEventType.Deleted)
                    {
                        _seen.TryRemove(checked((uint)resource.Spec.Id), out _);
                        table.Remove(checked((uint)resource.Spec.Id));
                    }
                    else
                    {
                        table.Apply(Remember(resource));
                    }
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // The table keeps serving what it has; the reflector relists and reports what it missed.
                logger.LogWarning("Watching the {Source} failed; watching again in {Delay}: {Error}", Description, RetryDelay, e.Message);
                await Task.Delay(RetryDelay, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static V1Patch StatusPatch(VolumeResource resource, LogicalVolume volume)
    {
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = resource.Metadata.ResourceVersion },
            ["status"] = new JsonObject
            {
                ["phase"] = VolumeResourceView.PhaseOf(volume.State),
                ["bytes"] = volume.SizeBytes,
                ["needles"] = volume.NeedleCount,
            },
        };
        return new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch);
    }

    private static ListWatch<VolumeResource> ListWatchOf(IKubernetes client, string ns) => new(
        async (next, limit, ct) => ListPage<VolumeResource>.Of(await client.CustomObjects.ListNamespacedCustomObjectAsync<KubernetesList<VolumeResource>>(
            VolumeResource.Group, VolumeResource.Version, ns, VolumeResource.Plural, continueParameter: next, limit: limit, cancellationToken: ct)),
        (version, onError, ct) => client.CustomObjects.WatchListNamespacedCustomObjectAsync(
                VolumeResource.Group, VolumeResource.Version, ns, VolumeResource.Plural, allowWatchBookmarks: true, resourceVersion: version, onError: onError, cancellationToken: ct)
            .Select(e => (e.Item1, KubernetesJson.Deserialize<VolumeResource>((JsonElement)e.Item2))));

    private bool Mine(VolumeResource resource) => resource.Spec.ClusterName == options.Cluster && resource.Spec.Id is > 0 and <= uint.MaxValue;

    private LogicalVolume Remember(VolumeResource resource)
    {
        var volume = VolumeResourceView.ToLogicalVolume(resource, options);
        _seen[volume.Id] = resource;
        return volume;
    }
}
