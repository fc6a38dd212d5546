using System.Text.Json.Nodes;

namespace Haystack.Kubernetes.Fake;

/// <summary>Deletion: finalizers and the garbage collector's owner-reference cascade.</summary>
internal sealed partial class ObjectStore
{
    /// <summary>
    /// DELETE: checks the DeleteOptions preconditions, marks the object while finalizers remain, otherwise removes it
    /// and cascades to dependents.
    /// </summary>
    public JsonObject Delete(StoredResource resource, string ns, string name, string? propagationPolicy, DeletePreconditions preconditions)
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
            preconditions.Check(resource, name, current);
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

            if (resource.ReturnsDeletedObject)
            {
                return (JsonObject)current.DeepClone();
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
}
