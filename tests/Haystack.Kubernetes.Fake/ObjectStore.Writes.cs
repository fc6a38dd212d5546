using System.Text.Json.Nodes;

namespace Haystack.Kubernetes.Fake;

/// <summary>Create, PUT and PATCH: preconditions, status subresource, ownership of changed fields, generation, no-op detection.</summary>
internal sealed partial class ObjectStore
{
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
            SetOrRemove(proposed, "status", body["status"]);
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
                SetOrRemove(metadata, field, body["metadata"]?[field]);
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
            SetOrRemove(meta, serverField, currentMeta[serverField]);
        }

        if (resource.TracksGeneration && !SameOutside(current, proposed, "metadata", "status"))
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
        if (resource.TracksGeneration)
        {
            meta["generation"] = 1L;
        }
        meta["resourceVersion"] = Version(++_resourceVersion);
        _objects[(resource, ns, name)] = item;
        Record("ADDED", resource, item, previous: null);
        return (JsonObject)item.DeepClone();
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

    private static bool SameOutside(JsonObject a, JsonObject b, params string[] ignored)
    {
        var keys = a.Select(p => p.Key).Union(b.Select(p => p.Key)).Except(ignored);
        return keys.All(key => JsonNode.DeepEquals(a[key], b[key]));
    }

    private static void SetOrRemove(JsonObject target, string key, JsonNode? value)
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
}
