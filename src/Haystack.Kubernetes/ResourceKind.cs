namespace Haystack.Kubernetes;

/// <summary>
/// Names one REST resource: where it lives (<c>/api/v1</c> or <c>/apis/{group}/{version}</c>), its plural path
/// segment, its kind, and whether it lives in a namespace. Works for built-in kinds and custom resources alike.
/// </summary>
public sealed record ResourceKind(string Group, string Version, string Plural, string Kind, bool Namespaced)
{
    public static ResourceKind Pod { get; } = new("", "v1", "pods", "Pod", true);
    public static ResourceKind Service { get; } = new("", "v1", "services", "Service", true);
    public static ResourceKind ConfigMap { get; } = new("", "v1", "configmaps", "ConfigMap", true);
    public static ResourceKind Secret { get; } = new("", "v1", "secrets", "Secret", true);
    public static ResourceKind ServiceAccount { get; } = new("", "v1", "serviceaccounts", "ServiceAccount", true);
    public static ResourceKind PersistentVolumeClaim { get; } = new("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", true);
    public static ResourceKind Event { get; } = new("", "v1", "events", "Event", true);
    public static ResourceKind Node { get; } = new("", "v1", "nodes", "Node", false);
    public static ResourceKind StatefulSet { get; } = new("apps", "v1", "statefulsets", "StatefulSet", true);
    public static ResourceKind Deployment { get; } = new("apps", "v1", "deployments", "Deployment", true);
    public static ResourceKind Job { get; } = new("batch", "v1", "jobs", "Job", true);
    public static ResourceKind CronJob { get; } = new("batch", "v1", "cronjobs", "CronJob", true);
    public static ResourceKind PodDisruptionBudget { get; } = new("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", true);
    public static ResourceKind Lease { get; } = new("coordination.k8s.io", "v1", "leases", "Lease", true);
    public static ResourceKind Role { get; } = new("rbac.authorization.k8s.io", "v1", "roles", "Role", true);
    public static ResourceKind RoleBinding { get; } = new("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true);

    /// <summary>The kinds the typed surface covers, for servers and tests that need the whole set.</summary>
    public static IReadOnlyList<ResourceKind> BuiltIn { get; } =
    [
        Pod, Service, ConfigMap, Secret, ServiceAccount, PersistentVolumeClaim, Event, Node,
        StatefulSet, Deployment, Job, CronJob, PodDisruptionBudget, Lease, Role, RoleBinding,
    ];

    /// <summary>The <c>apiVersion</c> field of objects of this kind: "v1" for the core group, "group/version" otherwise.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The collection path, e.g. <c>/apis/apps/v1/namespaces/ns/statefulsets</c>; all namespaces when <paramref name="ns"/> is null.</summary>
    public string CollectionPath(string? ns)
    {
        var root = Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";
        if (!Namespaced || ns is null)
        {
            return $"{root}/{Plural}";
        }

        return $"{root}/namespaces/{Uri.EscapeDataString(ns)}/{Plural}";
    }

    /// <summary>The path of one object, optionally of a subresource such as "status".</summary>
    public string ObjectPath(string name, string? ns, string? subresource = null)
    {
        if (Namespaced && string.IsNullOrEmpty(ns))
        {
            throw new ArgumentException($"{Kind} '{name}' is namespaced: pass its namespace", nameof(ns));
        }

        var path = $"{CollectionPath(ns)}/{Uri.EscapeDataString(name)}";
        return subresource is null ? path : $"{path}/{subresource}";
    }

    public override string ToString() => Group.Length == 0 ? Plural : $"{Plural}.{Group}";
}
