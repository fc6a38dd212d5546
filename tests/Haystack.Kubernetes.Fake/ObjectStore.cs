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
internal sealed partial class ObjectStore(TimeProvider clock, int historyLimit, bool expiredWatchAsHttpError)
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

    private JsonObject Find(StoredResource resource, string ns, string name) =>
        _objects.TryGetValue((resource, ns, name), out var item) ? item : throw ApiError.NotFound(resource, name);

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
