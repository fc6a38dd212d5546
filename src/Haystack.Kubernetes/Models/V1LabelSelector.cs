using System.Text.Json.Serialization;

namespace Haystack.Kubernetes.Models;

/// <summary>metav1.LabelSelector: equality labels and set-based expressions, all of which must match.</summary>
public sealed class V1LabelSelector
{
    public IDictionary<string, string>? MatchLabels { get; set; }
    public IList<V1LabelSelectorRequirement>? MatchExpressions { get; set; }
}

/// <summary>One set-based requirement: <c>key In/NotIn/Exists/DoesNotExist values</c>.</summary>
public sealed class V1LabelSelectorRequirement
{
    public required string Key { get; set; }
    [JsonPropertyName("operator")]
    public required string OperatorProperty { get; set; }
    public IList<string>? Values { get; set; }
}
