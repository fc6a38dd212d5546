using k8s.LeaderElection;

namespace Haystack.Operator.Controller;

/// <summary>
/// What <c>/readyz</c> and the leader gauge report. A replica is ready when it leads and its controller runs, or when
/// it is a standby that has seen who leads (its election reads the Lease). A standby answers ready, as
/// controller-runtime's and CloudNativePG's do: otherwise a Deployment with a standby never becomes available and a
/// rolling update that waits for ready pods stalls. Before the first election result a replica is not ready.
/// </summary>
public sealed class OperatorReadiness
{
    private volatile bool leading;
    private volatile bool running;
    private volatile string? leader;

    /// <summary>True while this replica holds the Lease, or from the start when it runs without leader election.</summary>
    public bool IsLeader => leading;

    /// <summary>The holder of the Lease last seen, null before the first election result.</summary>
    public string? Leader => leader;

    public bool IsReady => leading ? running : leader is not null;

    /// <summary>Why the replica is not ready, for the probe's body; null when ready.</summary>
    public string? Reason => IsReady ? null : leading ? "the controller's watches have not started" : "no leader has been elected yet";

    /// <summary>Follows an election: leading while it says so, and the leader it last saw.</summary>
    public void Follow(LeaderElector elector)
    {
        elector.OnStartedLeading += StartedLeading;
        elector.OnStoppedLeading += StoppedLeading;
        elector.OnNewLeader += LeaderIs;
    }

    public void StartedLeading() => leading = true;

    public void StoppedLeading()
    {
        leading = false;
        running = false;
    }

    public void LeaderIs(string identity) => leader = identity;

    public void ControllerRunning(bool value) => running = value;
}
