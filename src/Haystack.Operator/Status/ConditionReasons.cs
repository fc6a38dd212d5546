namespace Haystack.Operator.Status;

/// <summary>The reasons the cluster's conditions give; config/README.md ("Reading the status") explains each.</summary>
public static class ConditionReasons
{
    /// <summary>Ready: the directory, the cache and a whole writable volume on ready store pods are there.</summary>
    public const string UploadsAccepted = "UploadsAccepted";

    /// <summary>Ready: no reconcile has observed the workloads and volumes yet.</summary>
    public const string NotObserved = "NotObserved";

    /// <summary>Ready: no directory pod is available, so no upload gets a photo id.</summary>
    public const string DirectoryUnavailable = "DirectoryUnavailable";

    /// <summary>Ready: no volume is writable with every replica placed, healthy and on a ready store pod.</summary>
    public const string NoWritableVolume = "NoWritableVolume";

    /// <summary>Ready: no cache pod is ready, so photos cannot be served back.</summary>
    public const string CacheUnavailable = "CacheUnavailable";

    /// <summary>Reconciled: every child matches the spec.</summary>
    public const string ReconcileSucceeded = "ReconcileSucceeded";

    /// <summary>Reconciled and Degraded: a step failed; the message says which and why.</summary>
    public const string ReconcileFailed = "ReconcileFailed";

    /// <summary>Degraded: volumes lost every replica (phase Lost); deleting them clears it.</summary>
    public const string VolumeLost = "VolumeLost";

    /// <summary>Degraded: volumes are missing a replica or rebuilding one.</summary>
    public const string VolumesDegraded = "VolumesDegraded";

    /// <summary>Degraded: replicas cannot be placed as the rules ask (not on distinct nodes, too few store pods).</summary>
    public const string PlacementProblem = "PlacementProblem";

    /// <summary>Degraded: a lowered spec.store.replicas is not carried out because the staying pods cannot hold the data.</summary>
    public const string ScaleInRefused = "ScaleInRefused";

    /// <summary>Degraded: nothing needs attention.</summary>
    public const string AsExpected = "AsExpected";
}
