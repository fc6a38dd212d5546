using Microsoft.Extensions.Logging;

namespace Haystack.Operator.Reconciliation;

/// <summary>The reconciler's log lines, with the cluster (namespace and name) and the child or step as fields.</summary>
internal static partial class ReconcilerLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "HaystackCluster {Namespace}/{Cluster}: {Error}")]
    public static partial void StepFailed(this ILogger logger, string @namespace, string cluster, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "HaystackCluster {Namespace}/{Cluster}: {Outcome} {Child}")]
    public static partial void ChildApplied(this ILogger logger, string @namespace, string cluster, ApplyOutcome outcome, string child);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {Reason} for HaystackCluster {Namespace}/{Cluster} not recorded: {Error}")]
    public static partial void EventNotRecorded(this ILogger logger, string reason, string @namespace, string cluster, string error);
}
