namespace Haystack.Kubernetes.Models;

/// <summary>core/v1 Affinity: node and pod (anti-)affinity rules.</summary>
public sealed class V1Affinity
{
    public V1NodeAffinity? NodeAffinity { get; set; }
    public V1PodAffinity? PodAffinity { get; set; }
    public V1PodAntiAffinity? PodAntiAffinity { get; set; }
}

/// <summary>core/v1 PodAffinity.</summary>
public sealed class V1PodAffinity
{
    public IList<V1PodAffinityTerm>? RequiredDuringSchedulingIgnoredDuringExecution { get; set; }
    public IList<V1WeightedPodAffinityTerm>? PreferredDuringSchedulingIgnoredDuringExecution { get; set; }
}

/// <summary>core/v1 PodAntiAffinity: keeps matching pods apart across a topology key.</summary>
public sealed class V1PodAntiAffinity
{
    public IList<V1PodAffinityTerm>? RequiredDuringSchedulingIgnoredDuringExecution { get; set; }
    public IList<V1WeightedPodAffinityTerm>? PreferredDuringSchedulingIgnoredDuringExecution { get; set; }
}

/// <summary>core/v1 PodAffinityTerm.</summary>
public sealed class V1PodAffinityTerm
{
    public required string TopologyKey { get; set; }
    public V1LabelSelector? LabelSelector { get; set; }
    public IList<string>? Namespaces { get; set; }
    public V1LabelSelector? NamespaceSelector { get; set; }
    public IList<string>? MatchLabelKeys { get; set; }
}

/// <summary>core/v1 WeightedPodAffinityTerm (weight 1-100).</summary>
public sealed class V1WeightedPodAffinityTerm
{
    public int Weight { get; set; }
    public required V1PodAffinityTerm PodAffinityTerm { get; set; }
}

/// <summary>core/v1 NodeAffinity.</summary>
public sealed class V1NodeAffinity
{
    public V1NodeSelector? RequiredDuringSchedulingIgnoredDuringExecution { get; set; }
    public IList<V1PreferredSchedulingTerm>? PreferredDuringSchedulingIgnoredDuringExecution { get; set; }
}

/// <summary>core/v1 NodeSelector: terms ORed together.</summary>
public sealed class V1NodeSelector
{
    public IList<V1NodeSelectorTerm> NodeSelectorTerms { get; set; } = [];
}

/// <summary>core/v1 NodeSelectorTerm: requirements ANDed together.</summary>
public sealed class V1NodeSelectorTerm
{
    public IList<V1NodeSelectorRequirement>? MatchExpressions { get; set; }
    public IList<V1NodeSelectorRequirement>? MatchFields { get; set; }
}

/// <summary>core/v1 NodeSelectorRequirement: <c>key In/NotIn/Exists/DoesNotExist/Gt/Lt values</c>.</summary>
public sealed class V1NodeSelectorRequirement
{
    public required string Key { get; set; }
    [System.Text.Json.Serialization.JsonPropertyName("operator")]
    public required string OperatorProperty { get; set; }
    public IList<string>? Values { get; set; }
}

/// <summary>core/v1 PreferredSchedulingTerm.</summary>
public sealed class V1PreferredSchedulingTerm
{
    public int Weight { get; set; }
    public required V1NodeSelectorTerm Preference { get; set; }
}
