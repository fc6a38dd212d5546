using System.Collections.Concurrent;
using System.Globalization;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Haystack.Operator.Entities;
using Microsoft.Extensions.Logging;

namespace Haystack.Operator.Reconciliation;

/// <summary>
/// Writes core/v1 Events about a cluster (<c>kubectl describe hsc</c> shows them). Best effort: a failed
/// event must not fail the reconcile, so errors go to the log only. A standing problem (a refused scale-in, a rebuild
/// that cannot go on) is recorded once when it appears, not on every reconcile while it lasts
/// (<see cref="RecordStandingAsync"/>); an operator restart records the ones still standing once more.
/// </summary>
public sealed class EventRecorder(IKubernetes client, TimeProvider time, ILogger<EventRecorder> log)
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";

    private long _sequence;

    /// <summary>The subjects of each cluster's standing problems by reason, as last recorded.</summary>
    private readonly ConcurrentDictionary<(string Cluster, string Reason), IReadOnlySet<string>> _standing = new();

    /// <summary>
    /// Records each problem of <paramref name="reason"/> whose subject (a volume, "scale-in") was not standing at the
    /// last call for this cluster; subjects missing from <paramref name="problems"/> are over, so their next appearance
    /// is recorded again.
    /// </summary>
    /// <param name="problems">The standing problems now, message by subject; empty when there are none.</param>
    public async Task RecordStandingAsync(
        V1Alpha1HaystackCluster cluster, string type, string reason, IReadOnlyDictionary<string, string> problems, CancellationToken cancellationToken)
    {
        var key = (Cluster: cluster.Metadata.Uid ?? $"{cluster.Metadata.NamespaceProperty}/{cluster.Metadata.Name}", Reason: reason);
        var before = _standing.GetValueOrDefault(key) ?? new HashSet<string>();
        _standing[key] = problems.Keys.ToHashSet();
        foreach (var (_, message) in problems.Where(p => !before.Contains(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            await RecordAsync(cluster, type, reason, message, cancellationToken);
        }
    }

    public async Task RecordAsync(V1Alpha1HaystackCluster cluster, string type, string reason, string message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var name = cluster.Metadata.Name!;
        var suffix = (now.Ticks + Interlocked.Increment(ref _sequence)).ToString("x", CultureInfo.InvariantCulture);
        var recorded = new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = $"{name}.{suffix}", NamespaceProperty = cluster.Metadata.NamespaceProperty },
            InvolvedObject = new V1ObjectReference
            {
                ApiVersion = cluster.ApiVersion,
                Kind = cluster.Kind,
                Name = name,
                NamespaceProperty = cluster.Metadata.NamespaceProperty,
                Uid = cluster.Metadata.Uid,
                ResourceVersion = cluster.Metadata.ResourceVersion,
            },
            Type = type,
            Reason = reason,
            Message = message,
            Source = new V1EventSource { Component = OperatorIdentity.Component },
            ReportingComponent = OperatorIdentity.Component,
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        };
        try
        {
            await client.CoreV1.CreateNamespacedEventAsync(recorded, recorded.Metadata.NamespaceProperty, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e)
        {
            log.EventNotRecorded(reason, cluster.Metadata.NamespaceProperty ?? "", name, e.Message);
        }
    }
}
