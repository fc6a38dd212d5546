using Haystack.Api;
using k8s;
using k8s.Models;

namespace Haystack.Cluster.Tests.Harness;

/// <summary>
/// The kubelet's Secret volumes: each key of the Secret as a file of that name in a folder of the pod's own, written
/// before the container starts. A pod whose Secret does not exist yet waits, as a real one stays ContainerCreating.
/// </summary>
internal sealed class SecretFiles(IKubernetes client, string root)
{
    /// <summary>The folder holding the Secret's files for <paramref name="volume"/> of <paramref name="pod"/>, or null while the Secret is missing.</summary>
    public async Task<string?> WriteAsync(V1Pod pod, string volume, V1SecretVolumeSource source, CancellationToken cancellationToken)
    {
        var secret = await client.CoreV1.ReadNamespacedSecretAsync(source.SecretName, pod.Metadata.NamespaceProperty, cancellationToken: cancellationToken)
            .OrNullWhenNotFound();
        if (secret is null)
        {
            return null;
        }
        var folder = System.IO.Directory.CreateDirectory(Path.Combine(root, $"{pod.Metadata.Name}-{volume}")).FullName;
        foreach (var (key, bytes) in secret.Data ?? new Dictionary<string, byte[]>())
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, key), bytes, cancellationToken);
        }
        return folder;
    }
}
