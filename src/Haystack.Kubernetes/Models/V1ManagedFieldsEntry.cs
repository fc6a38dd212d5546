using System.Text.Json;

namespace Haystack.Kubernetes.Models;

/// <summary>metav1.ManagedFieldsEntry: which field manager owns which fields (server-side apply).</summary>
public sealed class V1ManagedFieldsEntry
{
    public string? Manager { get; set; }
    public string? Operation { get; set; }
    public string? ApiVersion { get; set; }
    public DateTime? Time { get; set; }
    public string? FieldsType { get; set; }
    public JsonElement? FieldsV1 { get; set; }
    public string? Subresource { get; set; }
}
