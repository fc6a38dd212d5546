namespace Haystack.Operator.Rebuilds;

/// <summary>How far one pass of <see cref="ReplicaRebuild"/> got.</summary>
public enum RebuildOutcome
{
    /// <summary>The copy verified and the placement switched: the next replica may go.</summary>
    Completed,

    /// <summary>It could not go on now (no target, a copy that failed, a status changed meanwhile); the next reconcile tries again.</summary>
    Waiting,
}
