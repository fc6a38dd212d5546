using System.Net;
using System.Text.Json;
using Haystack.Kubernetes.Models;

namespace Haystack.Kubernetes;

/// <summary>Reads one line of a watch stream: <c>{"type": "ADDED", "object": {...}}</c>.</summary>
internal static class WatchEvent
{
    public static (WatchEventType Type, T Object) Parse<T>(string line, HttpMethod method, string path)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var typeName = root.GetProperty("type").GetString();
        var body = root.GetProperty("object");
        var type = typeName switch
        {
            "ADDED" => WatchEventType.Added,
            "MODIFIED" => WatchEventType.Modified,
            "DELETED" => WatchEventType.Deleted,
            "BOOKMARK" => WatchEventType.Bookmark,
            "ERROR" => WatchEventType.Error,
            _ => throw new JsonException($"watch {path}: unknown event type '{typeName}'"),
        };
        if (type == WatchEventType.Error)
        {
            var status = KubernetesJson.Deserialize<V1Status>(body);
            throw new HttpOperationException(method, path, (HttpStatusCode)(status.Code ?? 500), status);
        }

        return (type, KubernetesJson.Deserialize<T>(body));
    }
}
