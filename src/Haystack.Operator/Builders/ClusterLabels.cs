using Haystack.Operator.Entities;

namespace Haystack.Operator.Builders;

/// <summary>
/// The app.kubernetes.io labels. Selector labels (name, instance, component) never change, because a
/// workload's selector is immutable; the version and manager labels go on objects and pod templates only.
/// </summary>
public static class ClusterLabels
{
    public const string Name = "app.kubernetes.io/name";
    public const string Instance = "app.kubernetes.io/instance";
    public const string Component = "app.kubernetes.io/component";
    public const string ManagedBy = "app.kubernetes.io/managed-by";
    public const string Version = "app.kubernetes.io/version";

    public const string AppName = "haystack";
    public const string Manager = "haystack-operator";

    /// <summary>The label selector that finds every object this operator manages.</summary>
    public const string ManagedSelector = $"{ManagedBy}={Manager}";

    public static Dictionary<string, string> Selector(V1Alpha1HaystackCluster cluster, string component) => new()
    {
        [Name] = AppName,
        [Instance] = ClusterNames.Name(cluster),
        [Component] = component,
    };

    public static Dictionary<string, string> All(V1Alpha1HaystackCluster cluster, string component)
    {
        var labels = Selector(cluster, component);
        labels[ManagedBy] = Manager;
        labels[Version] = ImageVersion(cluster.Spec.Image);
        return labels;
    }

    /// <summary>The image tag as a label value (at most 63 of [A-Za-z0-9._-]); "latest" without a tag, "digest" for a digest.</summary>
    public static string ImageVersion(string image)
    {
        if (image.Contains('@'))
        {
            return "digest";
        }
        var lastSlash = image.LastIndexOf('/');
        var colon = image.LastIndexOf(':');
        if (colon <= lastSlash)
        {
            return "latest";
        }
        var tag = new string(image[(colon + 1)..].Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray());
        tag = tag.Length > 63 ? tag[..63] : tag;
        return tag.Trim('.', '-', '_') is { Length: > 0 } trimmed ? trimmed : "latest";
    }
}
