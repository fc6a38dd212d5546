using k8s.Models;

namespace Haystack.Api;

/// <summary>One page of a list: its items and the list metadata (resourceVersion, continue token).</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, V1ListMeta Metadata)
{
    /// <summary>A page of any KubernetesClient list (they all carry list metadata) whose items are <typeparamref name="T"/>s.</summary>
    public static ListPage<T> Of<TItem>(IItems<TItem> list)
        where TItem : T =>
        new([.. (list.Items ?? []).Select(item => (T)item)], (list as IMetadata<V1ListMeta>)?.Metadata ?? new V1ListMeta());
}
