using Haystack.Operator.Api;
using k8s;
using k8s.Models;

namespace Haystack.Operator.Reconciliation;

/// <summary>An object a builder produced and the kind of REST resource it is applied as.</summary>
public sealed record DesiredObject(ChildKind Kind, IKubernetesObject<V1ObjectMeta> Object)
{
    public string Name => Object.Metadata.Name ?? throw new InvalidOperationException($"a desired {Kind.Kind} has no name");

    public string Namespace => Object.Metadata.NamespaceProperty ?? throw new InvalidOperationException($"a desired {Kind.Kind} {Name} has no namespace");

    public override string ToString() => $"{Kind.Kind} {Namespace}/{Name}";
}
