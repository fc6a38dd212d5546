using Haystack.Kubernetes;
using Haystack.Kubernetes.Models;

namespace Haystack.Operator.Controller;

/// <summary>Any child the operator watches, read for its metadata only: enough to find the owning cluster.</summary>
public sealed class OwnedObject : IKubernetesObject<V1ObjectMeta>
{
    public string ApiVersion { get; set; } = "";
    public string Kind { get; set; } = "";
    public V1ObjectMeta Metadata { get; set; } = new();
}
