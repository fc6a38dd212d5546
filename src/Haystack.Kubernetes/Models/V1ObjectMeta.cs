namespace Haystack.Kubernetes.Models;

/// <summary>metav1.ObjectMeta: the fields the operator reads or writes.</summary>
public sealed class V1ObjectMeta
{
    public string? Name { get; set; }
    public string? GenerateName { get; set; }
    public string? NamespaceProperty { get; set; }
    public string? Uid { get; set; }
    public string? ResourceVersion { get; set; }
    public long? Generation { get; set; }
    public DateTime? CreationTimestamp { get; set; }
    public DateTime? DeletionTimestamp { get; set; }
    public long? DeletionGracePeriodSeconds { get; set; }
    public IDictionary<string, string>? Labels { get; set; }
    public IDictionary<string, string>? Annotations { get; set; }
    public IList<V1OwnerReference>? OwnerReferences { get; set; }
    public IList<string>? Finalizers { get; set; }
    public IList<V1ManagedFieldsEntry>? ManagedFields { get; set; }
}
