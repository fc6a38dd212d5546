using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Haystack.Operator.Entities;
using Haystack.Operator.Reconciliation;
using Haystack.Telemetry;

namespace Haystack.Operator.Controller;

/// <summary>
/// The operator's instruments on the "Haystack.Operator" meter, after prometheus-operator's resource reconciler:
/// reconciles and their duration by kind and result, errors by the step that failed, the work queue's depth, the
/// volumes of each cluster by phase (as its last reconcile counted them) and whether this replica leads.
/// Created through <see cref="IMeterFactory"/> so that two operators in one process keep separate figures.
/// </summary>
public sealed class OperatorMetrics
{
    public const string MeterName = TelemetryNames.Operator;

    /// <summary>The step tag of a failure outside the steps: reading the cluster or writing its status.</summary>
    public const string ApiStep = "api";

    /// <summary>The phase tag of a Volume not placed yet (no phase).</summary>
    public const string UnplacedTag = "unplaced";

    private readonly Counter<long> _reconciles;
    private readonly Counter<long> _errors;
    private readonly Histogram<double> _duration;
    private readonly ConcurrentDictionary<ClusterKey, IReadOnlyDictionary<string, int>> _volumes = new();

    public OperatorMetrics(IMeterFactory meterFactory, OperatorReadiness readiness)
    {
        var meter = meterFactory.Create(MeterName);
        _reconciles = meter.CreateCounter<long>("haystack.operator.reconciles", "{reconcile}", "Reconciles finished, by resource kind and result (success or error).");
        _errors = meter.CreateCounter<long>("haystack.operator.reconcile.errors", "{error}", "Failed reconciles, by resource kind and the step that failed (api: reading the resource or writing its status).");
        _duration = meter.CreateHistogram("haystack.operator.reconcile.duration", "s", "Time of one reconcile, by resource kind and result.",
            advice: RequestDurationBuckets.Seconds);
        // Every result's and step's series exists from the start (at 0), so an alert on an increase has a series to watch.
        foreach (var result in new[] { "success", "error" })
        {
            _reconciles.Add(0, new("kind", HaystackApi.ClusterKind), new("result", result));
        }
        foreach (var step in ReconcileSteps.All.Select(step => step.Name).Append(ApiStep))
        {
            _errors.Add(0, new("kind", HaystackApi.ClusterKind), new("step", step));
        }
        meter.CreateObservableGauge("haystack.operator.workqueue.depth", () => QueueDepth(), "{key}",
            "Resources waiting in the work queue for a worker.");
        meter.CreateObservableGauge("haystack.operator.volumes", ObserveVolumes, "{volume}",
            "Logical volumes of each cluster by phase (unplaced: no phase yet), as its last reconcile counted them.");
        meter.CreateObservableGauge("haystack.operator.leader", () => readiness.IsLeader ? 1 : 0, "1",
            "1 while this replica holds the leader Lease (or runs without leader election), else 0.");
    }

    public void Reconciled(string kind, TimeSpan elapsed, string? failedStep)
    {
        var result = failedStep is null ? "success" : "error";
        _reconciles.Add(1, new("kind", kind), new("result", result));
        _duration.Record(elapsed.TotalSeconds, new("kind", kind), new("result", result));
        if (failedStep is not null)
        {
            _errors.Add(1, new("kind", kind), new("step", failedStep));
        }
    }

    /// <summary>Counts <paramref name="volumes"/> by phase, every phase present (at 0 when none is in it) so each has a series.</summary>
    public void ObservedVolumes(ClusterKey cluster, IEnumerable<V1Alpha1HaystackVolume> volumes)
    {
        var counts = Enum.GetValues<VolumePhase>().Select(PhaseTag).Append(UnplacedTag).ToDictionary(tag => tag, _ => 0);
        foreach (var volume in volumes)
        {
            counts[volume.Status?.Phase is { } phase ? PhaseTag(phase) : UnplacedTag]++;
        }
        _volumes[cluster] = counts;
    }

    /// <summary>A cluster that is gone has no volumes to report.</summary>
    public void Forget(ClusterKey cluster) => _volumes.TryRemove(cluster, out _);

    /// <summary>Reads the running controller's queue; 0 while no controller runs (a standby).</summary>
    public Func<int> QueueDepth { get; set; } = () => 0;

    /// <summary>A phase as a Prometheus label value: ReadOnly is "read_only".</summary>
    public static string PhaseTag(VolumePhase phase) =>
        string.Concat(phase.ToString().Select((c, i) => char.IsUpper(c) ? (i == 0 ? "" : "_") + char.ToLowerInvariant(c) : c.ToString()));

    private IEnumerable<Measurement<int>> ObserveVolumes()
    {
        foreach (var (cluster, counts) in _volumes)
        {
            foreach (var (phase, count) in counts)
            {
                yield return new(count, new("namespace", cluster.Namespace), new("cluster", cluster.Name), new("phase", phase));
            }
        }
    }
}
