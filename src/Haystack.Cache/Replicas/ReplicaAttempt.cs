using Haystack.Cache.Memory;

namespace Haystack.Cache.Replicas;

/// <summary>What one replica answered: the photo, a 404, or a failure with the problem to report.</summary>
internal sealed record ReplicaAttempt(CachedPhoto? Photo, bool NotFound, ReplicaProblem? Problem, string? Error)
{
    public static ReplicaAttempt Missing { get; } = new(null, true, null, null);

    public static ReplicaAttempt Served(CachedPhoto photo) => new(photo, false, null, null);

    public static ReplicaAttempt Failed(ReplicaProblem problem, string error) => new(null, false, problem, error);
}
