namespace Haystack.Operator.Reconciliation;

/// <summary>What applying one child did.</summary>
public enum ApplyOutcome
{
    /// <summary>The live object already carried what we would apply; nothing was written.</summary>
    Unchanged,

    Created,

    Updated,
}
