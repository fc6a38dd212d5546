using System.Text.Json.Nodes;

namespace Haystack.Kubernetes.Fake;

/// <summary>
/// One committed change, kept in the history window so a watch can resume from a resourceVersion.
/// <see cref="Previous"/> lets a filtered watch turn a MODIFIED into ADDED or DELETED when the object
/// starts or stops matching its selector, as the real server does.
/// </summary>
internal sealed record ChangeRecord(long ResourceVersion, string Type, StoredResource Resource, JsonObject Object, JsonObject? Previous);
