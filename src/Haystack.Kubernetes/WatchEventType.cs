namespace Haystack.Kubernetes;

/// <summary>
/// The <c>type</c> of a watch event (ADDED, MODIFIED, DELETED, BOOKMARK on the wire).
/// ERROR events are thrown as <see cref="HttpOperationException"/>, never yielded.
/// </summary>
public enum WatchEventType
{
    Added,
    Modified,
    Deleted,
    Error,
    Bookmark,
}
