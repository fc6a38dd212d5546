using Haystack.Operator.Crds;

namespace Haystack.Operator.Entities;

[Description("Where the shared secret of the cluster's components is kept.")]
public sealed class AuthSpec
{
    [Required]
    [Pattern(KubernetesPatterns.DnsSubdomain)]
    [Length(1, 253)]
    [Description("Name of a Secret in the cluster's namespace.")]
    public string SecretName { get; set; } = "";

    [Pattern(KubernetesPatterns.DataKey)]
    [Default("token")]
    [Description("Key in the Secret that holds the token.")]
    public string Key { get; set; } = "token";
}
