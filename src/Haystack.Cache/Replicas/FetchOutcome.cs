using Haystack.Cache.Memory;

namespace Haystack.Cache.Replicas;

/// <summary>The result of one store fetch, shared by every request that waited on it.</summary>
/// <param name="FromWritableVolume">The volume was writable at lookup time, which the caching rule requires.</param>
/// <param name="Error">For <see cref="FetchStatus.Unavailable"/>: what failed, per replica.</param>
public sealed record FetchOutcome(FetchStatus Status, CachedPhoto? Photo, bool FromWritableVolume, string? Error)
{
    public static FetchOutcome NotFound { get; } = new(FetchStatus.NotFound, null, false, null);

    public static FetchOutcome Found(CachedPhoto photo, bool fromWritableVolume) => new(FetchStatus.Found, photo, fromWritableVolume, null);

    public static FetchOutcome Unavailable(string error) => new(FetchStatus.Unavailable, null, false, error);
}
