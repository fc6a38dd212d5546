using System.Globalization;
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
/// Photo key reservations in a ConfigMap of their own (<see cref="KubernetesTableOptions.KeyObjectName"/>, owned by the
/// HaystackCluster so it goes with it): <c>data.next</c> is the first key nobody reserved. A reservation is a
/// compare-and-swap on its resourceVersion, so of two directories racing for a block one wins and the other reads
/// again; a directory that restarts reserves above whatever it held. Kept apart from the cluster's status, which the
/// operator rewrites on every reconcile.
/// </summary>
public sealed class KubernetesPhotoKeys(IKubernetes client, KubernetesTableOptions options, ILogger<KubernetesPhotoKeys> logger) : IKeyReservations
{
    /// <summary>Reservations that lose the race this often in a row fail; with blocks of thousands of keys that means something is wrong.</summary>
    public const int MaxAttempts = 20;

    public const string NextKeyField = "next";

    public string Description => $"ConfigMap {options.Namespace}/{options.KeyObjectName}";

    public async Task<KeyBlock> ReserveAsync(ulong count, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var keys = await client.CoreV1.ReadNamespacedConfigMapAsync(options.KeyObjectName, options.Namespace, cancellationToken: cancellationToken)
                .OrNullWhenNotFound();
            try
            {
                if (keys is null)
                {
                    await client.CoreV1.CreateNamespacedConfigMapAsync(await NewKeyObjectAsync(1 + count, cancellationToken), options.Namespace, cancellationToken: cancellationToken);
                    return new KeyBlock(1, 1 + count);
                }
                var first = NextOf(keys);
                await client.CoreV1.PatchNamespacedConfigMapAsync(ReservePatch(keys, first + count), options.KeyObjectName, options.Namespace, cancellationToken: cancellationToken);
                return new KeyBlock(first, first + count);
            }
            catch (HttpOperationException e) when (e.IsConflict() || e.IsAlreadyExists())
            {
                logger.LogDebug("Another directory reserved photo keys at the same time (attempt {Attempt}); reading {Object} again", attempt, Description);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * attempt)), cancellationToken);
            }
        }
        throw new IOException($"Could not reserve photo keys in {Description}: {MaxAttempts} writes in a row lost a race with other writers.");
    }

    /// <summary>
    /// A merge patch carrying the read's resourceVersion: a write since then answers 409 instead of being overwritten.
    /// A patch, not a replace, so the data pods' Role needs no update right the operator does not hold.
    /// </summary>
    private static V1Patch ReservePatch(V1ConfigMap keys, ulong next) => new(
        new JsonObject
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = keys.Metadata.ResourceVersion },
            ["data"] = new JsonObject { [NextKeyField] = next.ToString(CultureInfo.InvariantCulture) },
        }.ToJsonString(),
        V1Patch.PatchType.MergePatch);

    private ulong NextOf(V1ConfigMap keys)
    {
        var text = keys.Data is { } data && data.TryGetValue(NextKeyField, out var value) ? value : null;
        if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var next) || next == 0)
        {
            throw new InvalidDataException(
                $"{Description} has no valid data.{NextKeyField} ('{text}'); set it above every photo key issued so far, or photo keys could repeat.");
        }
        return next;
    }

    private async Task<V1ConfigMap> NewKeyObjectAsync(ulong next, CancellationToken cancellationToken)
    {
        var cluster = (JsonElement)await client.CustomObjects.GetNamespacedCustomObjectAsync(
            VolumeResource.Group, VolumeResource.Version, options.Namespace, "haystackclusters", options.Cluster, cancellationToken);
        var metadata = cluster.GetProperty("metadata");
        return new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta
            {
                Name = options.KeyObjectName,
                NamespaceProperty = options.Namespace,
                Labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "haystack", ["app.kubernetes.io/instance"] = options.Cluster, ["app.kubernetes.io/component"] = "directory" },
                OwnerReferences =
                [
                    new V1OwnerReference
                    {
                        ApiVersion = VolumeResource.Group + "/" + VolumeResource.Version,
                        Kind = "HaystackCluster",
                        Name = options.Cluster,
                        Uid = metadata.GetProperty("uid").GetString(),
                    },
                ],
            },
            Data = new Dictionary<string, string> { [NextKeyField] = next.ToString(CultureInfo.InvariantCulture) },
        };
    }
}
