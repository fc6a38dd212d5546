namespace Haystack.Operator.Entities;

/// <summary>The life cycle of a logical volume.</summary>
public enum VolumePhase
{
    /// <summary>Every replica is healthy and the volume takes uploads.</summary>
    Writable,

    /// <summary>Full (or marked by an operator): serves reads and deletes only.</summary>
    ReadOnly,

    /// <summary>At least one replica is missing; reads still work from the others.</summary>
    Degraded,

    /// <summary>A lost replica is being copied from a healthy one.</summary>
    Rebuilding,

    /// <summary>Live needles are being copied to a new file to drop garbage.</summary>
    Compacting,

    /// <summary>
    /// Every replica is lost, so nothing is left to rebuild from: terminal. The directory hands it out for nothing and
    /// a replacement takes uploads; deleting the Volume clears it.
    /// </summary>
    Lost,
}
