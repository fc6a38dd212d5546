namespace Haystack.Storage;

/// <summary>What <see cref="Volume.RepairNeedleAsync"/> did with a healthy replica's copy of a needle.</summary>
public enum NeedleRepair
{
    /// <summary>The copy was written over the damaged bytes, at the offset the needle map names (same length).</summary>
    Rewritten,
    /// <summary>The volume had no live needle of that length with this id: the copy was appended and now wins.</summary>
    Appended,
    /// <summary>The needle on this volume verifies: nothing was written.</summary>
    AlreadyIntact,
    /// <summary>The needle is deleted on this volume: nothing was written (a delete is never undone by a repair).</summary>
    Deleted,
}
