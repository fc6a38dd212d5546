using Haystack.Directory.Kubernetes;
using Haystack.Directory.Volumes;
using k8s;
using Microsoft.Extensions.Logging;

namespace Haystack.Directory;

/// <summary>Where a Directory keeps its volume table and its photo key reservations.</summary>
public sealed record DirectoryStorage(IVolumeTableSource Table, IKeyReservations Keys)
{
    /// <summary>Dev mode: one JSON file holds both.</summary>
    public static DirectoryStorage StateFile(string path)
    {
        var file = new JsonStateFile(path);
        return new DirectoryStorage(file, file);
    }

    /// <summary>In a cluster: the <c>Volume</c> resources and the photo key ConfigMap.</summary>
    public static DirectoryStorage Kubernetes(IKubernetes client, KubernetesTableOptions options, ILoggerFactory loggers) =>
        new(new KubernetesVolumeTable(client, options, loggers.CreateLogger<KubernetesVolumeTable>()),
            new KubernetesPhotoKeys(client, options, loggers.CreateLogger<KubernetesPhotoKeys>()));

    /// <summary>What <paramref name="options"/> ask for; in Kubernetes with the kubeconfig or in-cluster account KubernetesClient finds.</summary>
    public static DirectoryStorage For(DirectoryOptions options, ILoggerFactory loggers) => options.Kubernetes is { } cluster
        ? Kubernetes(new k8s.Kubernetes(KubernetesClientConfiguration.BuildDefaultConfig()), cluster, loggers)
        : StateFile(options.StateFile ?? throw new ArgumentException("The directory needs a state file (--state) or --kubernetes.", nameof(options)));
}
