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
    private volatile bool _leading;
    private volatile bool _running;
    private volatile string? _leader;

    /// <summary>True while this replica holds the Lease, or from the start when it runs without leader election.</summary>
    public bool IsLeader => _leading;

    /// <summary>The holder of the Lease last seen, null before the first election result.</summary>
    public string? Leader => _leader;

    public bool IsReady => _leading ? _running : _leader is not null;

    /// <summary>Why the replica is not ready, for the probe's body; null when ready.</summary>
    public string? Reason => IsReady ? null : _leading ? "the controller's watches have not started" : "no leader has been elected yet";

    /// <summary>Follows an election: leading while it says so, and the leader it last saw.</summary>
    public void Follow(LeaderElector elector)
    {
        elector.OnStartedLeading += StartedLeading;
        elector.OnStoppedLeading += StoppedLeading;
        elector.OnNewLeader += LeaderIs;
    }

    public void StartedLeading() => _leading = true;

    public void StoppedLeading()
    {
        _leading = false;
        _running = false;
    }

    public void LeaderIs(string identity) => _leader = identity;

    public void ControllerRunning(bool value) => _running = value;
}
