namespace Haystack.Operator.Entities;

/// <summary>The state of one physical replica of a logical volume.</summary>
public enum ReplicaState
{
    /// <summary>The store pod serves the replica.</summary>
    Healthy,

    /// <summary>The store pod or its disk is gone.</summary>
    Missing,

    /// <summary>The replica is being copied from a healthy one.</summary>
    Rebuilding,
}
