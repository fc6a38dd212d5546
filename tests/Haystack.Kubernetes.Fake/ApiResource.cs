namespace Haystack.Kubernetes.Fake;

/// <summary>
/// One REST resource the fake serves: where it lives (<c>/api/v1</c> or <c>/apis/{group}/{version}</c>), its plural
/// path segment, its kind, and whether it lives in a namespace. Discovery lists these; tests name them to count writes.
/// </summary>
public sealed record ApiResource(string Group, string Version, string Plural, string Kind, bool Namespaced)
{
    public static ApiResource Namespace { get; } = new("", "v1", "namespaces", "Namespace", false);
    public static ApiResource Pod { get; } = new("", "v1", "pods", "Pod", true);
    public static ApiResource Service { get; } = new("", "v1", "services", "Service", true);
    public static ApiResource ConfigMap { get; } = new("", "v1", "configmaps", "ConfigMap", true);
    public static ApiResource Secret { get; } = new("", "v1", "secrets", "Secret", true);
    public static ApiResource ServiceAccount { get; } = new("", "v1", "serviceaccounts", "ServiceAccount", true);
    public static ApiResource PersistentVolumeClaim { get; } = new("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", true);
    public static ApiResource Event { get; } = new("", "v1", "events", "Event", true);
    public static ApiResource Node { get; } = new("", "v1", "nodes", "Node", false);
    public static ApiResource StatefulSet { get; } = new("apps", "v1", "statefulsets", "StatefulSet", true);
    public static ApiResource Deployment { get; } = new("apps", "v1", "deployments", "Deployment", true);
    public static ApiResource Job { get; } = new("batch", "v1", "jobs", "Job", true);
    public static ApiResource CronJob { get; } = new("batch", "v1", "cronjobs", "CronJob", true);
    public static ApiResource PodDisruptionBudget { get; } = new("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", true);
    public static ApiResource Lease { get; } = new("coordination.k8s.io", "v1", "leases", "Lease", true);
    public static ApiResource Role { get; } = new("rbac.authorization.k8s.io", "v1", "roles", "Role", true);
    public static ApiResource RoleBinding { get; } = new("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true);
    public static ApiResource ClusterRole { get; } = new("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false);
    public static ApiResource ClusterRoleBinding { get; } = new("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", false);

    /// <summary>Creating one serves the custom resource it defines, as the apiextensions server does.</summary>
    public static ApiResource CustomResourceDefinition { get; } =
        new("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", false);

    /// <summary>The built-in kinds every fake serves from the start.</summary>
    public static IReadOnlyList<ApiResource> BuiltIn { get; } =
    [
        Namespace, Pod, Service, ConfigMap, Secret, ServiceAccount, PersistentVolumeClaim, Event, Node,
        StatefulSet, Deployment, Job, CronJob, PodDisruptionBudget, Lease, Role, RoleBinding, ClusterRole, ClusterRoleBinding,
        CustomResourceDefinition,
    ];

    /// <summary>The <c>apiVersion</c> field of objects of this kind: "v1" for the core group, "group/version" otherwise.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public override string ToString() => Group.Length == 0 ? Plural : $"{Plural}.{Group}";
}
