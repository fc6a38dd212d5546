using System.Security.Cryptography;
using System.Text;
using k8s;
using k8s.Models;

namespace Haystack.Operator.Reconciliation;

/// <summary>
/// A digest of everything the operator sets on a child, kept in an annotation. When the live object
/// carries the digest of what we would apply now, the apply is skipped: an unchanged cluster costs
/// reads only, never writes (prometheus-operator does the same).
/// </summary>
public static class InputHash
{
    public const string Annotation = "haystack.io/input-hash";

    /// <summary>Adds the digest annotation to <paramref name="child"/> and returns the digest.</summary>
    public static string Stamp(IKubernetesObject<V1ObjectMeta> child)
    {
        // Hash the object as the builder made it: without our annotation, and without an empty map left by removing it.
        if (child.Metadata.Annotations is { } annotations && annotations.Remove(Annotation) && annotations.Count == 0)
        {
            child.Metadata.Annotations = null;
        }
        var json = KubernetesJson.Serialize(child);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..16];
        child.Metadata.Annotations ??= new Dictionary<string, string>();
        child.Metadata.Annotations[Annotation] = hash;
        return hash;
    }

    /// <summary>The digest a live object carries, or null.</summary>
    public static string? Read(V1ObjectMeta live) =>
        live.Annotations is { } annotations && annotations.TryGetValue(Annotation, out var hash) ? hash : null;
}
