namespace Haystack.Kubernetes.Models;

/// <summary>
/// A patch body and how the server should read it. <see cref="Content"/> is either a ready JSON string
/// or any object, serialised with <see cref="KubernetesJson"/>.
/// </summary>
public sealed class V1Patch(object content, V1Patch.PatchType type)
{
    public enum PatchType
    {
        /// <summary>RFC 6902 (application/json-patch+json).</summary>
        JsonPatch,

        /// <summary>RFC 7386 (application/merge-patch+json).</summary>
        MergePatch,

        /// <summary>Kubernetes strategic merge (application/strategic-merge-patch+json); built-in kinds only.</summary>
        StrategicMergePatch,

        /// <summary>Server-side apply (application/apply-patch+yaml); needs a field manager.</summary>
        ApplyPatch,
    }

    public object Content { get; } = content;

    public PatchType Type { get; } = type;

    public string ContentType => Type switch
    {
        PatchType.JsonPatch => "application/json-patch+json",
        PatchType.MergePatch => "application/merge-patch+json",
        PatchType.StrategicMergePatch => "application/strategic-merge-patch+json",
        PatchType.ApplyPatch => "application/apply-patch+yaml",
        _ => throw new ArgumentOutOfRangeException(nameof(Type), Type, "unknown patch type"),
    };

    public string Serialize() => Content as string ?? KubernetesJson.Serialize(Content, Content.GetType());
}
