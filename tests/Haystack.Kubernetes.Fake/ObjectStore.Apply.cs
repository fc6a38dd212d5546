using System.Text.Json.Nodes;

namespace Haystack.Kubernetes.Fake;

internal sealed partial class ObjectStore
{
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
}
