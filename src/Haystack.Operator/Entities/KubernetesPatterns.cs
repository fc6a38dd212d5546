namespace Haystack.Operator.Entities;

/// <summary>The regular expressions the API server itself applies to names and quantities.</summary>
public static class KubernetesPatterns
{
    /// <summary>RFC 1123 DNS subdomain: names of StorageClasses, Secrets and most objects.</summary>
    public const string DnsSubdomain = @"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

    /// <summary>RFC 1123 DNS label: names that become part of other names (Services, pods).</summary>
    public const string DnsLabel = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    /// <summary>resource.Quantity in its usual forms: 500m, 2, 1.5Gi, 100G.</summary>
    public const string Quantity = @"^[0-9]+(\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$";

    /// <summary>A key inside a Secret or ConfigMap.</summary>
    public const string DataKey = @"^[-._a-zA-Z0-9]+$";

    /// <summary>A label key with an optional DNS prefix: topology.kubernetes.io/zone.</summary>
    public const string LabelKey = @"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$";

    /// <summary>A standard five-field cron schedule, or a macro such as @daily.</summary>
    public const string CronSchedule = @"^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|(\S+\s+){4}\S+)$";
}
