using System.Globalization;
using System.Text.Json.Nodes;

namespace Haystack.Kubernetes.Fake;

/// <summary>Watches: history, replay, fan-out of committed changes, bookmarks.</summary>
internal sealed partial class ObjectStore
{
    /// <summary>
    /// Opens a watch. Without a resourceVersion (or with "0") it starts with every current object as ADDED; with one,
    /// it replays the kept history after it, or reports 410 Expired when that part of history is gone (as an ERROR
    /// event, or as the HTTP status when the server is configured to answer that way).
    /// </summary>
    public WatchSubscription Watch(StoredResource resource, string? ns, LabelSelector labels, FieldSelector fields, string? resourceVersion, bool bookmarks)
    {
        var watch = new WatchSubscription(resource, ns, labels, fields, bookmarks);
        lock (_gate)
        {
            if (string.IsNullOrEmpty(resourceVersion) || resourceVersion == "0")
            {
                foreach (var entry in _objects.Where(e => e.Key.Resource == resource).OrderBy(e => e.Key.Namespace, StringComparer.Ordinal).ThenBy(e => e.Key.Name, StringComparer.Ordinal))
                {
                    if (watch.Matches(entry.Value))
                    {
                        watch.Send("ADDED", entry.Value);
                    }
                }
            }
            else
            {
                if (!long.TryParse(resourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var from))
                {
                    throw ApiError.BadRequest($"resourceVersion \"{resourceVersion}\" is not a valid resource version");
                }

                if (from < _compactedThrough)
                {
                    var expired = new ApiError(410, "Expired", $"too old resource version: {from} ({_compactedThrough})");
                    if (expiredWatchAsHttpError)
                    {
                        throw expired;
                    }

                    watch.Send("ERROR", expired.ToStatus());
                    watch.Complete();
                    return watch;
                }

                foreach (var change in _history.Where(c => c.ResourceVersion > from))
                {
                    watch.Offer(change);
                }
            }

            _watches.Add(watch);
        }

        return watch;
    }

    public void StopWatching(WatchSubscription watch)
    {
        lock (_gate)
        {
            _watches.Remove(watch);
        }

        watch.Complete();
    }

    /// <summary>Ends every open watch, as an API server restart or a watch timeout does.</summary>
    public void CloseWatches()
    {
        lock (_gate)
        {
            foreach (var watch in _watches)
            {
                watch.Complete();
            }

            _watches.Clear();
        }
    }

    /// <summary>Forgets all history: a watch from any version before now gets 410 Gone.</summary>
    public void CompactHistory()
    {
        lock (_gate)
        {
            _history.Clear();
            _compactedThrough = _resourceVersion;
        }
    }

    public void SendBookmarks()
    {
        lock (_gate)
        {
            foreach (var watch in _watches.Where(w => w.WantsBookmarks))
            {
                watch.Send("BOOKMARK", new JsonObject
                {
                    ["kind"] = watch.Resource.Kind.Kind,
                    ["apiVersion"] = watch.Resource.Kind.ApiVersion,
                    ["metadata"] = new JsonObject { ["resourceVersion"] = Version(_resourceVersion) },
                });
            }
        }
    }

    private void Record(string type, StoredResource resource, JsonObject item, JsonObject? previous)
    {
        _writes[resource] = _writes.GetValueOrDefault(resource) + 1;
        var change = new ChangeRecord(_resourceVersion, type, resource, (JsonObject)item.DeepClone(), (JsonObject?)previous?.DeepClone());
        _history.AddLast(change);
        while (_history.Count > historyLimit)
        {
            _compactedThrough = _history.First!.Value.ResourceVersion;
            _history.RemoveFirst();
        }

        foreach (var watch in _watches)
        {
            watch.Offer(change);
        }
    }
}
