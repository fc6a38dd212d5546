using Haystack.Kubernetes;
using Haystack.Kubernetes.Models;

namespace Haystack.Operator.Reconciliation;

/// <summary>An object a builder produced and the REST resource it is applied to.</summary>
public sealed record DesiredObject(ResourceKind Kind, IKubernetesObject<V1ObjectMeta> Object)
{
    public string Name => Object.Metadata.Name ?? throw new InvalidOperationException($"a desired {Kind.Kind} has no name");

    public string? Namespace => Object.Metadata.NamespaceProperty;

    public override string ToString() => $"{Kind.Kind} {Namespace}/{Name}";
}
