using System.Text.Json.Nodes;

namespace Haystack.Kubernetes.Fake;

/// <summary>A resource the fake serves, with whether it has a status subresource.</summary>
public sealed record StoredResource(ApiResource Kind, bool HasStatus, bool IsCustom)
{
    /// <summary>Built-in kinds whose API server strategy keeps metadata.generation; every custom resource does.</summary>
    private static readonly HashSet<string> BuiltInWithGeneration = ["statefulsets", "deployments", "jobs", "cronjobs", "poddisruptionbudgets"];

    /// <summary>Whether metadata.generation exists and moves on spec changes (ConfigMaps, Services and the like have none).</summary>
    public bool TracksGeneration => IsCustom || (Kind.Group.Length > 0 && BuiltInWithGeneration.Contains(Kind.Plural));

    /// <summary>Kinds whose DELETE answers with the deleted object rather than a Status, as their API server registries do.</summary>
    private static readonly HashSet<string> BuiltInReturningDeleted = ["pods", "services", "namespaces", "persistentvolumeclaims", "nodes", "customresourcedefinitions"];

    /// <summary>Whether DELETE answers with the object as it was last stored (the typed clients expect V1Service, V1Pod...).</summary>
    public bool ReturnsDeletedObject => !IsCustom && BuiltInReturningDeleted.Contains(Kind.Plural);

    /// <summary>"statefulsets.apps", "pods": how the API server names a resource in messages.</summary>
    public string QualifiedName => Kind.ToString();

    internal string Group => Kind.Group;

    internal string Plural => Kind.Plural;

    internal JsonObject Details(string name) => new()
    {
        ["name"] = name,
        ["group"] = Kind.Group,
        ["kind"] = Kind.Plural,
    };
}
