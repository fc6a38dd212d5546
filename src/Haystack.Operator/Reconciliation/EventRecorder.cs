using System.Globalization;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Haystack.Operator.Entities;
using Microsoft.Extensions.Logging;

namespace Haystack.Operator.Reconciliation;

/// <summary>
/// Writes core/v1 Events about a cluster (<c>kubectl describe hsc</c> shows them). Best effort: a failed
/// event must not fail the reconcile, so errors go to the log only.
/// </summary>
public sealed class EventRecorder(IKubernetes client, TimeProvider time, ILogger<EventRecorder> log)
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";

    private long _sequence;

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
