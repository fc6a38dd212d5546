namespace Haystack.Kubernetes.Models;

/// <summary>
/// Any list the API server returns. Typed lists (<see cref="V1StatefulSetList"/>...) derive from it;
/// custom resources use it directly (KubernetesClient's <c>CustomResourceList&lt;T&gt;</c>).
/// </summary>
public class KubernetesList<T> : IKubernetesObject<V1ListMeta>
{
    public string ApiVersion { get; set; } = "v1";
    public string Kind { get; set; } = "List";
    public V1ListMeta Metadata { get; set; } = new();
    public IList<T> Items { get; set; } = [];
}
