using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using k8s;
using k8s.Models;

namespace Haystack.Cluster.Tests.Harness;

/// <summary>Pods as a workload controller stamps them from a template: labels, owner, and the template's hash.</summary>
internal static class WorkloadPods
{
    /// <summary>A short hash of a pod template: pods carrying another one belong to an older revision.</summary>
    public static string TemplateHash(V1PodTemplateSpec template) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(KubernetesJson.Serialize(template))))[..10];

    public static V1Pod FromTemplate(IKubernetesObject<V1ObjectMeta> owner, V1PodTemplateSpec template, string name, IDictionary<string, string> extraLabels)
    {
        var spec = KubernetesJson.Deserialize<V1PodSpec>(KubernetesJson.Serialize(template.Spec));
        var labels = new Dictionary<string, string>(template.Metadata?.Labels ?? new Dictionary<string, string>());
        foreach (var (key, value) in extraLabels)
        {
            labels[key] = value;
        }
        return new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = owner.Metadata.NamespaceProperty,
                Labels = labels,
                Annotations = template.Metadata?.Annotations,
                OwnerReferences =
                [
                    new V1OwnerReference
                    {
                        ApiVersion = owner.ApiVersion, Kind = owner.Kind, Name = owner.Metadata.Name, Uid = owner.Metadata.Uid,
                        Controller = true, BlockOwnerDeletion = true,
                    },
                ],
            },
            Spec = spec,
        };
    }

    /// <summary>The pods <paramref name="owner"/> controls.</summary>
    public static List<V1Pod> OwnedBy(IEnumerable<V1Pod> pods, V1ObjectMeta owner) =>
        pods.Where(pod => pod.Metadata.OwnerReferences?.Any(reference => reference.Uid == owner.Uid) == true).ToList();

    /// <summary>A StatefulSet pod's ordinal, from its name.</summary>
    public static int Ordinal(V1Pod pod) => int.Parse(pod.Metadata.Name[(pod.Metadata.Name.LastIndexOf('-') + 1)..], CultureInfo.InvariantCulture);

    /// <summary>A label's value, or null (object labels are an <see cref="IDictionary{TKey, TValue}"/>, which has no GetValueOrDefault).</summary>
    public static string? Label(IDictionary<string, string>? labels, string key) => labels is not null && labels.TryGetValue(key, out var value) ? value : null;

    public static bool IsTerminating(V1Pod pod) => pod.Metadata.DeletionTimestamp is not null;
}
