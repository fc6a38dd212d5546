using Haystack.Kubernetes.Models;

namespace Haystack.Kubernetes;

/// <summary>Whole-object conveniences over the generic core.</summary>
public static class GenericOperations
{
    /// <summary>
    /// Server-side apply of <paramref name="body"/> as the complete intent of <paramref name="fieldManager"/>:
    /// fields it applied before and omits now are removed. Name and namespace come from its metadata.
    /// </summary>
    public static Task<T> ApplyAsync<T>(
        this IKubernetes client, ResourceKind kind, T body, string fieldManager, bool force = false, CancellationToken ct = default)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        var name = body.Metadata.Name ?? throw new ArgumentException($"cannot apply a {kind.Kind} without metadata.name", nameof(body));
        return client.PatchAsync<T>(
            kind, new V1Patch(body, V1Patch.PatchType.ApplyPatch), name, body.Metadata.NamespaceProperty, fieldManager, force, ct);
    }

    /// <summary>Get that answers null for 404 instead of throwing.</summary>
    public static async Task<T?> GetOrDefaultAsync<T>(this IKubernetes client, ResourceKind kind, string name, string? ns = null, CancellationToken ct = default)
        where T : class
    {
        try
        {
            return await client.GetAsync<T>(kind, name, ns, ct);
        }
        catch (HttpOperationException e) when (e.IsNotFound)
        {
            return null;
        }
    }
}
