using Microsoft.Extensions.Logging;

namespace Haystack.Operator.Controller;

/// <summary>The controller's log lines, with the cluster and the watched kind as fields.</summary>
internal static partial class ControllerLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch of {Kind} failed, retrying in {PauseSeconds}s: {Error}")]
    public static partial void WatchFailed(this ILogger logger, string kind, double pauseSeconds, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconcile of HaystackCluster {Namespace}/{Cluster} failed, retrying in {PauseSeconds}s: {Error}")]
    public static partial void ReconcileFailed(this ILogger logger, string @namespace, string cluster, double pauseSeconds, string error);
}
