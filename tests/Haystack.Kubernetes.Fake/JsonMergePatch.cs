using System.Text.Json.Nodes;

namespace Haystack.Kubernetes.Fake;

/// <summary>
/// RFC 7386 JSON merge patch: objects merge key by key, null removes a key, anything else replaces.
/// Also serves strategic merge patches, which differ only for lists with merge keys (the fake replaces lists).
/// </summary>
internal static class JsonMergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                result[key] = Apply(result[key], value);
            }
        }

        return result;
    }
}
