using k8s;
using k8s.Models;

namespace Haystack.Api;

/// <summary>
/// How to list and watch one kind in one scope with KubernetesClient's typed calls, as client-go's ListWatch.
/// <see cref="List"/> reads a page (continue token, limit); <see cref="Watch"/> watches from a resourceVersion with
/// bookmarks and hands the errors the package reports in the stream (an ERROR event, a bad line) to a callback.
/// </summary>
public sealed record ListWatch<T>(
    Func<string?, int, CancellationToken, Task<ListPage<T>>> List,
    Func<string, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType Type, T Object)>> Watch)
    where T : IKubernetesObject<V1ObjectMeta>;
