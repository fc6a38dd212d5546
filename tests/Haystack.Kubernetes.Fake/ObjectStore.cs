using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Haystack.Kubernetes.Fake;

/// <summary>
/// The fake's etcd and registry in one: objects as JSON, one global resourceVersion counter, a bounded
/// history of changes for watches, and the write rules of the real API server (conflicts, generation,
/// status subresource, server-side apply ownership, finalizers, owner-reference cascade).
/// Every public method takes the one lock, so each call is atomic, as a single etcd transaction is.
/// </summary>
internal sealed class ObjectStore(TimeProvider clock, int historyLimit, bool expiredWatchAsHttpError)
{
    private const string GarbageCollector = "kube-controller-manager";
    private readonly Lock _gate = new();
    private readonly Dictionary<(StoredResource Resource, string Namespace, string Name), JsonObject> _objects = [];
    private readonly LinkedList<ChangeRecord> _history = new();
    private readonly List<WatchSubscription> _watches = [];
    private readonly Dictionary<StoredResource, int> _writes = [];
    private long _resourceVersion;
    private long _compactedThrough;

    public long ResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _resourceVersion;
            }
        }
    }

    public int OpenWatches
    {
        get
        {
            lock (_gate)
            {
                return _watches.Count;
            }
        }
    }

    public int WritesTo(StoredResource resource)
    {
        lock (_gate)
        {
            return _writes.GetValueOrDefault(resource);
        }
    }

    public int TotalWrites
    {
        get
        {
            lock (_gate)
            {
                return _writes.Values.Sum();
            }
        }
    }

    public JsonObject Get(StoredResource resource, string ns, string name)
    {
        lock (_gate)
        {
            return (JsonObject)Find(resource, ns, name).DeepClone();
        }
    }

    public JsonObject List(StoredResource resource, string? ns, LabelSelector labels, FieldSelector fields, int? limit, string? continueToken)
    {
        lock (_gate)
        {
            var after = continueToken is null ? ((string, string)?)null : DecodeContinue(continueToken);
            var matching = _objects
                .Where(entry => entry.Key.Resource == resource && (ns is null || entry.Key.Namespace == ns))
                .OrderBy(entry => entry.Key.Namespace, StringComparer.Ordinal)
                .ThenBy(entry => entry.Key.Name, StringComparer.Ordinal)
                .Where(entry => after is not { } start || IsAfter(entry.Key.Namespace, entry.Key.Name, start))
                .Select(entry => entry.Value)
                .Where(item => labels.Matches(item) && fields.Matches(item))
                .ToList();
            var page = limit is > 0 ? matching.Take(limit.Value).ToList() : matching;
            var metadata = new JsonObject { ["resourceVersion"] = Version(_resourceVersion) };
            if (page.Count < matching.Count)
            {
                var last = page[^1]["metadata"]!;
                var key = $"{last["namespace"]?.GetValue<string>() ?? ""}/{last["name"]!.GetValue<string>()}";
                metadata["continue"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(key));
                metadata["remainingItemCount"] = matching.Count - page.Count;
            }

            return new JsonObject
            {
                ["apiVersion"] = resource.Kind.ApiVersion,
                ["kind"] = resource.Kind.Kind + "List",
                ["metadata"] = metadata,
                ["items"] = new JsonArray(page.Select(item => (JsonNode)item.DeepClone()).ToArray()),
            };
        }
    }

    public JsonObject Create(StoredResource resource, string ns, JsonObject body, string manager)
    {
        lock (_gate)
        {
            var item = Prepare(resource, ns, body);
            if (resource.HasStatus)
            {
                item.Remove("status");
            }

            var leaves = FieldPaths.Leaves(item, FieldScope.MainResource(resource.HasStatus));
            ManagedFieldsEntry.Write(item, [new(manager, "Update", null, resource.Kind.ApiVersion, Now(), leaves)]);
            return Insert(resource, ns, item);
        }
    }

    /// <summary>PUT of the object or of its status subresource.</summary>
    public JsonObject Replace(StoredResource resource, string ns, string name, JsonObject body, string manager, bool statusOnly)
    {
        lock (_gate)
        {
            var current = Find(resource, ns, name);
            CheckName(resource, name, body);
            CheckResourceVersion(resource, name, current, body);
            return Update(resource, current, body, manager, statusOnly);
        }
    }

    /// <summary>PATCH with a merge, strategic merge or JSON patch body.</summary>
    public JsonObject Patch(StoredResource resource, string ns, string name, Func<JsonObject, JsonObject> patch, string manager, bool statusOnly)
    {
        lock (_gate)
        {
            var current = Find(resource, ns, name);
            var patched = patch((JsonObject)current.DeepClone());
            CheckName(resource, name, patched);
            CheckResourceVersion(resource, name, current, patched);
            return Update(resource, current, patched, manager, statusOnly);
        }
    }

    /// <summary>
    /// Server-side apply: <paramref name="applied"/> is the manager's whole intent. Creates the object if missing;
    /// otherwise refuses (409) to change fields another manager owns with another value unless forced, removes
    /// fields this manager applied before and no longer does, and merges the rest.
    /// </summary>
    public JsonObject Apply(StoredResource resource, string ns, string name, JsonObject applied, string manager, bool force, bool statusOnly)
    {
        lock (_gate)
        {
            CheckName(resource, name, applied);
            if (applied["apiVersion"] is null || applied["kind"] is null)
            {
                throw ApiError.BadRequest("an applied configuration must set apiVersion and kind");
            }

            var scope = statusOnly ? FieldScope.Status : FieldScope.MainResource(resource.HasStatus);
            var subresource = statusOnly ? "status" : null;
            var wanted = FieldPaths.Leaves(applied, scope);
            if (!_objects.TryGetValue((resource, ns, name), out var current))
            {
                if (statusOnly)
                {
                    throw ApiError.NotFound(resource, name);
                }

                var created = Prepare(resource, ns, applied);
                if (resource.HasStatus)
                {
                    created.Remove("status");
                }

                ManagedFieldsEntry.Write(created, [new(manager, "Apply", null, resource.Kind.ApiVersion, Now(), wanted)]);
                return Insert(resource, ns, created);
            }

            var entries = ManagedFieldsEntry.Read(current);
            var conflicts = entries
                .Where(entry => entry.Manager != manager)
                .SelectMany(entry => entry.Paths
                    .Where(path => wanted.Contains(path) && !JsonNode.DeepEquals(FieldPaths.ValueAt(current, path), FieldPaths.ValueAt(applied, path)))
                    .Select(path => (Entry: entry, Path: path)))
                .ToList();
            if (conflicts.Count > 0 && !force)
            {
                throw ApplyConflict(resource, name, conflicts);
            }

            foreach (var (entry, path) in conflicts)
            {
                entry.Paths.Remove(path);
            }

            var proposed = (JsonObject)current.DeepClone();
            var mine = entries.FirstOrDefault(entry => entry.IsSameOwner(manager, "Apply", subresource));
            foreach (var dropped in mine?.Paths.Except(wanted) ?? [])
            {
                if (!entries.Any(entry => entry != mine && entry.Paths.Contains(dropped)))
                {
                    FieldPaths.RemoveAt(proposed, dropped);
                }
            }

            foreach (var path in wanted)
            {
                FieldPaths.SetAt(proposed, path, FieldPaths.ValueAt(applied, path));
            }

            if (mine is null)
            {
                entries.Add(new ManagedFieldsEntry(manager, "Apply", subresource, resource.Kind.ApiVersion, Now(), wanted));
            }
            else if (!mine.Paths.SetEquals(wanted))
            {
                mine.Paths = wanted;
                mine.Time = Now();
            }

            ManagedFieldsEntry.Write(proposed, entries);
            return Commit(resource, current, proposed);
        }
    }

    /// <summary>DELETE: marks the object while finalizers remain, otherwise removes it and cascades to dependents.</summary>
    public JsonObject Delete(StoredResource resource, string ns, string name, string? propagationPolicy)
    {
        var policy = propagationPolicy ?? "Background";
        if (policy is not ("Background" or "Foreground" or "Orphan"))
        {
            throw ApiError.BadRequest($"propagationPolicy \"{policy}\" is not one of Background, Foreground, Orphan");
        }

        lock (_gate)
        {
            var current = Find(resource, ns, name);
            var uid = current["metadata"]!["uid"]!.GetValue<string>();
            if (policy == "Foreground")
            {
                // The real server keeps the owner until its dependents are gone; deleting them first ends in the same state.
                Cascade(uid, "Background");
            }

            var remaining = DeleteOne(resource, current, policy);
            if (remaining is not null)
            {
                return (JsonObject)remaining.DeepClone();
            }

            return new JsonObject
            {
                ["kind"] = "Status",
                ["apiVersion"] = "v1",
                ["metadata"] = new JsonObject(),
                ["status"] = "Success",
                ["details"] = new JsonObject { ["name"] = name, ["group"] = resource.Group, ["kind"] = resource.Plural, ["uid"] = uid },
            };
        }
    }

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

    private JsonObject Update(StoredResource resource, JsonObject current, JsonObject body, string manager, bool statusOnly)
    {
        if (statusOnly && !resource.HasStatus)
        {
            throw ApiError.NotFound(resource, Name(current));
        }

        var proposed = (JsonObject)current.DeepClone();
        if (statusOnly)
        {
            // The status subresource takes only status from the body.
            Replace(proposed, "status", body["status"]);
        }
        else
        {
            foreach (var key in proposed.Select(p => p.Key).ToList())
            {
                if (key is not ("metadata" or "status"))
                {
                    proposed.Remove(key);
                }
            }

            foreach (var (key, value) in body)
            {
                if (key is not ("metadata" or "status") || (key == "status" && !resource.HasStatus))
                {
                    proposed[key] = value?.DeepClone();
                }
            }

            if (!resource.HasStatus && !body.ContainsKey("status"))
            {
                proposed.Remove("status");
            }

            var metadata = (JsonObject)proposed["metadata"]!;
            foreach (var field in new[] { "labels", "annotations", "ownerReferences", "finalizers" })
            {
                Replace(metadata, field, body["metadata"]?[field]);
            }
        }

        var scope = statusOnly ? FieldScope.Status : FieldScope.MainResource(resource.HasStatus);
        var changed = FieldPaths.Changed(current, proposed, scope);
        if (changed.Count > 0)
        {
            var entries = ManagedFieldsEntry.Read(current);
            var subresource = statusOnly ? "status" : null;
            foreach (var entry in entries)
            {
                entry.Paths.ExceptWith(changed);
            }

            var taken = changed.Where(path => FieldPaths.ValueAt(proposed, path) is not null).ToHashSet();
            var mine = entries.FirstOrDefault(entry => entry.IsSameOwner(manager, "Update", subresource));
            if (mine is null)
            {
                entries.Add(new ManagedFieldsEntry(manager, "Update", subresource, resource.Kind.ApiVersion, Now(), taken));
            }
            else
            {
                mine.Paths.UnionWith(taken);
                mine.Time = Now();
            }

            ManagedFieldsEntry.Write(proposed, entries);
        }

        return Commit(resource, current, proposed);
    }

    /// <summary>Stores a changed object: bumps resourceVersion (and generation for spec changes), or does nothing for a no-op.</summary>
    private JsonObject Commit(StoredResource resource, JsonObject current, JsonObject proposed)
    {
        var currentMeta = (JsonObject)current["metadata"]!;
        var meta = (JsonObject)proposed["metadata"]!;
        foreach (var serverField in new[] { "name", "namespace", "uid", "creationTimestamp", "deletionTimestamp", "generation", "resourceVersion" })
        {
            Replace(meta, serverField, currentMeta[serverField]);
        }

        if (!SameOutside(current, proposed, "metadata", "status"))
        {
            meta["generation"] = (currentMeta["generation"]?.GetValue<long>() ?? 0) + 1;
        }

        if (JsonNode.DeepEquals(current, proposed))
        {
            return (JsonObject)current.DeepClone();
        }

        var ns = meta["namespace"]?.GetValue<string>() ?? "";
        var name = Name(proposed);
        if (meta["deletionTimestamp"] is not null && meta["finalizers"] is not JsonArray { Count: > 0 })
        {
            Remove(resource, ns, name, proposed);
            Cascade(meta["uid"]!.GetValue<string>(), "Background");
            return (JsonObject)proposed.DeepClone();
        }

        meta["resourceVersion"] = Version(++_resourceVersion);
        _objects[(resource, ns, name)] = proposed;
        Record("MODIFIED", resource, proposed, current);
        return (JsonObject)proposed.DeepClone();
    }

    private JsonObject Insert(StoredResource resource, string ns, JsonObject item)
    {
        var name = Name(item);
        if (_objects.ContainsKey((resource, ns, name)))
        {
            throw ApiError.AlreadyExists(resource, name);
        }

        var meta = (JsonObject)item["metadata"]!;
        meta["uid"] = Guid.NewGuid().ToString();
        meta["creationTimestamp"] = Now();
        meta["generation"] = 1L;
        meta["resourceVersion"] = Version(++_resourceVersion);
        _objects[(resource, ns, name)] = item;
        Record("ADDED", resource, item, previous: null);
        return (JsonObject)item.DeepClone();
    }

    /// <summary>Deletes one object under <paramref name="policy"/>; returns it when finalizers keep it, null when it is gone.</summary>
    private JsonObject? DeleteOne(StoredResource resource, JsonObject current, string policy)
    {
        var meta = (JsonObject)current["metadata"]!;
        var ns = meta["namespace"]?.GetValue<string>() ?? "";
        if (meta["finalizers"] is JsonArray { Count: > 0 })
        {
            if (meta["deletionTimestamp"] is not null)
            {
                return current;
            }

            var marked = (JsonObject)current.DeepClone();
            marked["metadata"]!["deletionTimestamp"] = Now();
            marked["metadata"]!["deletionGracePeriodSeconds"] = 0;
            marked["metadata"]!["resourceVersion"] = Version(++_resourceVersion);
            _objects[(resource, ns, Name(current))] = marked;
            Record("MODIFIED", resource, marked, current);
            return marked;
        }

        Remove(resource, ns, Name(current), current);
        Cascade(meta["uid"]!.GetValue<string>(), policy);
        return null;
    }

    private void Remove(StoredResource resource, string ns, string name, JsonObject last)
    {
        var gone = (JsonObject)last.DeepClone();
        gone["metadata"]!["resourceVersion"] = Version(++_resourceVersion);
        _objects.Remove((resource, ns, name));
        Record("DELETED", resource, gone, previous: null);
    }

    /// <summary>The garbage collector's work for a removed owner: delete dependents, or with Orphan release them.</summary>
    private void Cascade(string ownerUid, string policy)
    {
        var dependents = _objects
            .Where(entry => entry.Value["metadata"]?["ownerReferences"] is JsonArray refs && refs.Any(r => r?["uid"]?.GetValue<string>() == ownerUid))
            .ToList();
        foreach (var ((resource, _, _), dependent) in dependents)
        {
            if (policy == "Orphan")
            {
                var released = (JsonObject)dependent.DeepClone();
                var refs = (JsonArray)released["metadata"]!["ownerReferences"]!;
                foreach (var reference in refs.Where(r => r?["uid"]?.GetValue<string>() == ownerUid).ToList())
                {
                    refs.Remove(reference);
                }

                if (refs.Count == 0)
                {
                    ((JsonObject)released["metadata"]!).Remove("ownerReferences");
                }

                Update(resource, dependent, released, GarbageCollector, statusOnly: false);
            }
            else if (_objects.ContainsValue(dependent))
            {
                DeleteOne(resource, dependent, "Background");
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

    private JsonObject Prepare(StoredResource resource, string ns, JsonObject body)
    {
        var item = (JsonObject)body.DeepClone();
        if (item["metadata"] is not JsonObject meta)
        {
            meta = new JsonObject();
            item["metadata"] = meta;
        }

        if (meta["name"] is null && meta["generateName"]?.GetValue<string>() is { Length: > 0 } prefix)
        {
            meta["name"] = prefix + Guid.NewGuid().ToString("N")[..5];
        }

        if (meta["name"]?.GetValue<string>() is not { Length: > 0 })
        {
            throw ApiError.Invalid(resource, "", "metadata.name", "Required value: name or generateName is required");
        }

        var bodyNamespace = meta["namespace"]?.GetValue<string>();
        if (resource.Kind.Namespaced)
        {
            if (bodyNamespace is not null && bodyNamespace != ns)
            {
                throw ApiError.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }

            meta["namespace"] = ns;
        }

        item["apiVersion"] ??= resource.Kind.ApiVersion;
        item["kind"] ??= resource.Kind.Kind;
        if (item["kind"]!.GetValue<string>() != resource.Kind.Kind)
        {
            throw ApiError.BadRequest($"the kind of the body ({item["kind"]}) is not {resource.Kind.Kind}");
        }

        foreach (var serverField in new[] { "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "managedFields" })
        {
            meta.Remove(serverField);
        }

        return item;
    }

    private JsonObject Find(StoredResource resource, string ns, string name) =>
        _objects.TryGetValue((resource, ns, name), out var item) ? item : throw ApiError.NotFound(resource, name);

    private static void CheckName(StoredResource resource, string name, JsonObject body)
    {
        var bodyName = body["metadata"]?["name"]?.GetValue<string>();
        if (bodyName is not null && bodyName != name)
        {
            throw ApiError.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name}) for {resource.QualifiedName}");
        }
    }

    private static void CheckResourceVersion(StoredResource resource, string name, JsonObject current, JsonObject body)
    {
        var wanted = body["metadata"]?["resourceVersion"]?.GetValue<string>();
        if (!string.IsNullOrEmpty(wanted) && wanted != current["metadata"]!["resourceVersion"]!.GetValue<string>())
        {
            throw ApiError.Conflict(resource, name);
        }
    }

    private static ApiError ApplyConflict(StoredResource resource, string name, List<(ManagedFieldsEntry Entry, string Path)> conflicts)
    {
        var causes = new JsonArray();
        foreach (var (entry, path) in conflicts)
        {
            causes.Add(new JsonObject
            {
                ["reason"] = "FieldManagerConflict",
                ["message"] = $"conflict with \"{entry.Manager}\" using {entry.ApiVersion}",
                ["field"] = ManagedFieldsEntry.Display(path),
            });
        }

        var details = resource.Details(name);
        details["causes"] = causes;
        var list = string.Join("\n", conflicts.Select(c => $"- conflict with \"{c.Entry.Manager}\": {ManagedFieldsEntry.Display(c.Path)}"));
        return new ApiError(409, "Conflict", $"Apply failed with {conflicts.Count} conflict(s):\n{list}", details);
    }

    private static bool SameOutside(JsonObject a, JsonObject b, params string[] ignored)
    {
        var keys = a.Select(p => p.Key).Union(b.Select(p => p.Key)).Except(ignored);
        return keys.All(key => JsonNode.DeepEquals(a[key], b[key]));
    }

    private static void Replace(JsonObject target, string key, JsonNode? value)
    {
        if (value is null)
        {
            target.Remove(key);
        }
        else
        {
            target[key] = value.DeepClone();
        }
    }

    private static string Name(JsonObject item) => item["metadata"]!["name"]!.GetValue<string>();

    private static string Version(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static bool IsAfter(string ns, string name, (string Namespace, string Name) start)
    {
        var byNamespace = string.CompareOrdinal(ns, start.Namespace);
        return byNamespace > 0 || (byNamespace == 0 && string.CompareOrdinal(name, start.Name) > 0);
    }

    /// <summary>A continue token is the base64 of "namespace/name" of the last item served; neither part contains '/'.</summary>
    private static (string Namespace, string Name) DecodeContinue(string token)
    {
        try
        {
            var key = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            var slash = key.IndexOf('/');
            return slash < 0 ? throw new FormatException() : (key[..slash], key[(slash + 1)..]);
        }
        catch (FormatException)
        {
            throw ApiError.BadRequest($"continue token \"{token}\" is not one this server issued");
        }
    }

    private string Now() => clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
