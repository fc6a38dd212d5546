using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Haystack.Cluster.Tests.Harness;

/// <summary>
/// The storage provisioner and the claim protection: a PersistentVolumeClaim is bound at once to a folder of its own
/// (by the claim's uid, so a claim deleted and created again under the same name starts empty), carries the
/// <c>kubernetes.io/pvc-protection</c> finalizer so that deleting it waits until no pod uses it, and its folder is
/// deleted with it: a deleted claim is a lost disk.
/// </summary>
internal sealed class ClaimFolders(IKubernetes client, string root)
{
    public const string ProtectionFinalizer = "kubernetes.io/pvc-protection";
    private readonly Dictionary<string, string> _folders = [];

    /// <summary>Creates and binds the claim unless it exists.</summary>
    public async Task EnsureAsync(V1PersistentVolumeClaim claim, CancellationToken cancellationToken)
    {
        var ns = claim.Metadata.NamespaceProperty;
        try
        {
            await client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync(claim.Metadata.Name, ns, cancellationToken: cancellationToken);
            return;
        }
        catch (HttpOperationException error) when (error.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // Missing: created below.
        }
        claim.Metadata.Finalizers = [ProtectionFinalizer];
        var created = await client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(claim, ns, cancellationToken: cancellationToken);
        var status = new
        {
            status = new V1PersistentVolumeClaimStatus
            {
                Phase = "Bound",
                AccessModes = created.Spec.AccessModes,
                Capacity = created.Spec.Resources?.Requests,
            },
        };
        await client.CoreV1.PatchNamespacedPersistentVolumeClaimStatusAsync(
            new V1Patch(KubernetesJson.Serialize(status), V1Patch.PatchType.MergePatch), created.Metadata.Name, ns, cancellationToken: cancellationToken);
    }

    /// <summary>The folder behind a bound claim, created on first use.</summary>
    public string FolderOf(V1PersistentVolumeClaim claim)
    {
        lock (_folders)
        {
            if (!_folders.TryGetValue(claim.Metadata.Uid, out var folder))
            {
                folder = System.IO.Directory.CreateDirectory(Path.Combine(root, $"{claim.Metadata.Name}-{claim.Metadata.Uid[..8]}")).FullName;
                _folders[claim.Metadata.Uid] = folder;
            }
            return folder;
        }
    }

    /// <summary>Releases terminating claims no pod uses and deletes the folders of claims that are gone.</summary>
    public async Task CollectAsync(IReadOnlyList<V1PersistentVolumeClaim> claims, ISet<string> inUse, CancellationToken cancellationToken)
    {
        foreach (var claim in claims.Where(claim => claim.Metadata.DeletionTimestamp is not null && !inUse.Contains(claim.Metadata.Name)
            && claim.Metadata.Finalizers?.Contains(ProtectionFinalizer) == true))
        {
            var patch = new { metadata = new { finalizers = claim.Metadata.Finalizers.Where(f => f != ProtectionFinalizer).ToList(), resourceVersion = claim.Metadata.ResourceVersion } };
            await client.CoreV1.PatchNamespacedPersistentVolumeClaimAsync(
                new V1Patch(KubernetesJson.Serialize(patch), V1Patch.PatchType.MergePatch), claim.Metadata.Name, claim.Metadata.NamespaceProperty, cancellationToken: cancellationToken);
        }
        lock (_folders)
        {
            foreach (var gone in _folders.Keys.Where(uid => claims.All(claim => claim.Metadata.Uid != uid)).ToList())
            {
                System.IO.Directory.Delete(_folders[gone], recursive: true);
                _folders.Remove(gone);
            }
        }
    }
}
