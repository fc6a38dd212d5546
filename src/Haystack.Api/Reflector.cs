using System.Net;
using System.Runtime.CompilerServices;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Haystack.Api;

/// <summary>
/// A watch that does not end, which KubernetesClient leaves to its users: lists, then watches from the list's
/// resourceVersion, re-watches from the last version seen when the server closes the stream, and relists when
/// the server answers 410 Gone (as an HTTP status or as an ERROR event). After a relist it reports what changed
/// while it was not watching (ADDED, MODIFIED, and DELETED for objects that vanished), so a consumer's view never
/// drifts. Named after client-go's reflector. Other errors end the enumeration; the caller decides how to back off.
/// </summary>
public sealed class Reflector<T>(ListWatch<T> source, int pageSize = 500)
    where T : IKubernetesObject<V1ObjectMeta>
{
    private readonly Dictionary<(string? Namespace, string? Name), T> _known = [];

    /// <summary>How many times the reflector listed (once at start, then once per 410 Gone).</summary>
    public int ListCount { get; private set; }

    public async IAsyncEnumerable<(WatchEventType Type, T Object)> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? resourceVersion = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (resourceVersion is null)
            {
                var (version, changes) = await RelistAsync(cancellationToken);
                resourceVersion = version;
                foreach (var change in changes)
                {
                    yield return change;
                }
            }

            Exception? streamError = null;
            var watch = source.Watch(resourceVersion ?? throw new InvalidOperationException("the list carried no resourceVersion to watch from"), error => streamError ??= error, cancellationToken);
            await using var events = watch.GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                (WatchEventType Type, T Object) next;
                try
                {
                    if (!await events.MoveNextAsync())
                    {
                        break;
                    }

                    next = events.Current;
                }
                catch (HttpOperationException e) when (e.IsGone())
                {
                    streamError = null;
                    resourceVersion = null;
                    break;
                }
                catch (HttpRequestException e) when (e.InnerException is EndOfStreamException)
                {
                    // KubernetesClient peeks at a watch's first line before it hands out the stream; a watch the
                    // server closed before any event (a timeout, a restart) surfaces here. Watch again from where we were.
                    break;
                }

                resourceVersion = next.Object.Metadata?.ResourceVersion ?? resourceVersion;
                if (next.Type == WatchEventType.Bookmark)
                {
                    continue;
                }

                var key = KeyOf(next.Object);
                if (next.Type == WatchEventType.Deleted)
                {
                    _known.Remove(key);
                }
                else
                {
                    _known[key] = next.Object;
                }

                yield return next;
            }

            switch (streamError)
            {
                case null:
                    break;
                case KubernetesException { Status.Code: (int)HttpStatusCode.Gone }:
                    resourceVersion = null;
                    break;
                default:
                    throw streamError;
            }
        }
    }

    private async Task<(string? Version, List<(WatchEventType, T)> Changes)> RelistAsync(CancellationToken cancellationToken)
    {
        ListCount++;
        var listed = new Dictionary<(string?, string?), T>();
        string? continueToken = null;
        string? version = null;
        do
        {
            var page = await source.List(continueToken, pageSize, cancellationToken);
            foreach (var item in page.Items)
            {
                listed[KeyOf(item)] = item;
            }

            continueToken = page.Metadata.ContinueProperty;
            // Every page belongs to the first page's snapshot; watching from there may replay, never skip.
            version ??= page.Metadata.ResourceVersion;
        }
        while (!string.IsNullOrEmpty(continueToken));

        var changes = new List<(WatchEventType, T)>();
        foreach (var (key, old) in _known)
        {
            if (!listed.ContainsKey(key))
            {
                changes.Add((WatchEventType.Deleted, old));
            }
        }

        foreach (var (key, item) in listed)
        {
            if (!_known.TryGetValue(key, out var old))
            {
                changes.Add((WatchEventType.Added, item));
            }
            else if (old.Metadata.ResourceVersion != item.Metadata.ResourceVersion)
            {
                changes.Add((WatchEventType.Modified, item));
            }
        }

        _known.Clear();
        foreach (var (key, item) in listed)
        {
            _known[key] = item;
        }

        return (version, changes);
    }

    private static (string?, string?) KeyOf(T item) => (item.Metadata.NamespaceProperty, item.Metadata.Name);
}
