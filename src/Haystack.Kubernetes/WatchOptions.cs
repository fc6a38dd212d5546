namespace Haystack.Kubernetes;

/// <summary>
/// Query parameters of a watch. Without <see cref="ResourceVersion"/> the server first sends every existing
/// object as ADDED; with one it sends only changes after it (or 410 Gone if that version is too old).
/// </summary>
public sealed record WatchOptions(
    string? ResourceVersion = null,
    string? LabelSelector = null,
    string? FieldSelector = null,
    bool AllowWatchBookmarks = false,
    int? TimeoutSeconds = null);
