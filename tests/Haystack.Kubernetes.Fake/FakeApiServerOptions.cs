namespace Haystack.Kubernetes.Fake;

/// <summary>Knobs of the fake server.</summary>
public sealed class FakeApiServerOptions
{
    /// <summary>How many changes the watch history keeps; a watch from an older resourceVersion gets 410 Gone.</summary>
    public int HistoryLimit { get; init; } = 10_000;

    /// <summary>How often watches that allow bookmarks get one; never when null (tests call <see cref="FakeApiServer.SendBookmarks"/>).</summary>
    public TimeSpan? BookmarkInterval { get; init; }

    /// <summary>
    /// Answer a watch from a compacted resourceVersion with HTTP 410 instead of a 200 stream holding one ERROR
    /// event. API servers do both, depending on version and on whether the watch cache serves the request.
    /// </summary>
    public bool ExpiredWatchAsHttpError { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
