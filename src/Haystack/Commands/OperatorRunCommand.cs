using System.CommandLine;
using Haystack.Operator.Controller;
using Haystack.Operator.Reconciliation;
using k8s;
using k8s.Exceptions;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;

namespace Haystack.Commands;

/// <summary>
/// <c>haystack operator run</c>: watches HaystackClusters and reconciles them until stopped. Credentials come
/// from $KUBECONFIG, ~/.kube/config, or the pod's service account, in that order.
/// </summary>
public static class OperatorRunCommand
{
    public const string LeaseName = "haystack-operator";

    public static Command Create()
    {
        var watchNamespace = new Option<string?>("--namespace", "-n")
        {
            Description = "Watch only this namespace (default: every namespace)",
        };
        var workers = new Option<int>("--workers")
        {
            Description = "Clusters reconciled at the same time",
            DefaultValueFactory = _ => 2,
        };
        var leaderElect = new Option<bool>("--leader-elect")
        {
            Description = "Reconcile only while holding the Lease haystack-operator, so replicas never work at once",
            DefaultValueFactory = _ => true,
        };
        var leaseNamespace = new Option<string?>("--lease-namespace")
        {
            Description = "Namespace of the leader Lease (default: $POD_NAMESPACE, then the kubeconfig's namespace, then default)",
        };
        var command = new Command("run", "Reconcile HaystackCluster resources until stopped (the operator Deployment's entrypoint)");
        command.Options.Add(watchNamespace);
        command.Options.Add(workers);
        command.Options.Add(leaderElect);
        command.Options.Add(leaseNamespace);
        command.SetAction(async (parseResult, ct) =>
        {
            KubernetesClientConfiguration config;
            try
            {
                config = KubernetesClientConfiguration.BuildDefaultConfig();
            }
            catch (KubeConfigException e)
            {
                Console.Error.WriteLine($"haystack operator run: cannot reach Kubernetes: {e.Message}");
                return 1;
            }
            using var client = new Kubernetes(config);
            void Log(string line) => Console.Error.WriteLine($"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ} {line}");
            var reconciler = new HaystackClusterReconciler(client, TimeProvider.System, Log);
            var controller = new HaystackClusterController(client, reconciler, TimeProvider.System, Log)
            {
                Namespace = parseResult.GetValue(watchNamespace),
                Workers = Math.Max(1, parseResult.GetValue(workers)),
            };
            Log($"haystack operator watching {(controller.Namespace is { } ns ? $"namespace {ns}" : "every namespace")} at {config.Host} as field manager {OperatorIdentity.FieldManager}");
            if (!parseResult.GetValue(leaderElect))
            {
                await controller.RunAsync(ct);
                return 0;
            }

            var identity = Environment.GetEnvironmentVariable("POD_NAME") ?? $"{Environment.MachineName}-{Guid.NewGuid():N}";
            var lockNamespace = parseResult.GetValue(leaseNamespace) ?? Environment.GetEnvironmentVariable("POD_NAMESPACE") ?? config.Namespace ?? "default";
            var elector = new LeaderElector(new LeaderElectionConfig(new LeaseLock(client, lockNamespace, LeaseName, identity)));
            elector.OnStartedLeading += () => Log($"{identity} leads (Lease {lockNamespace}/{LeaseName})");
            elector.OnNewLeader += leader => Log($"leader is {leader}");
            if (await LeaderOnlyRunner.RunAsync(elector, controller.RunAsync, ct))
            {
                Log($"{identity} lost Lease {lockNamespace}/{LeaseName}; exiting so that a fresh process campaigns again");
                return 2;
            }
            return 0;
        });
        return command;
    }
}
