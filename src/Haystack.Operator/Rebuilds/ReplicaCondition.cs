namespace Haystack.Operator.Rebuilds;

/// <summary>The three answers of loss detection.</summary>
public enum ReplicaCondition
{
    /// <summary>The store serves the replica.</summary>
    Healthy,

    /// <summary>It cannot be read now (pod restarting, node gone within the grace period), but may come back with its data.</summary>
    Unavailable,

    /// <summary>Its data is gone or will not come back in time: rebuild it elsewhere.</summary>
    Lost,
}
