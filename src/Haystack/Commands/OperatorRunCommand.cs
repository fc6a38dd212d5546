using System.CommandLine;
using Haystack.Kubernetes;
using Haystack.Kubernetes.Configuration;
using Haystack.Operator.Controller;
using Haystack.Operator.Reconciliation;

namespace Haystack.Commands;

/// <summary>
/// <c>haystack operator run</c>: watches HaystackClusters and reconciles them until stopped. Credentials come
/// from $KUBECONFIG, ~/.kube/config, or the pod's service account, in that order.
/// </summary>
public static class OperatorRunCommand
{
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
        var command = new Command("run", "Reconcile HaystackCluster resources until stopped (the operator Deployment's entrypoint)");
        command.Options.Add(watchNamespace);
        command.Options.Add(workers);
        command.SetAction(async (parseResult, ct) =>
        {
            KubernetesClientConfiguration config;
            try
            {
                config = KubernetesClientConfiguration.BuildDefaultConfig();
            }
            catch (KubeconfigException e)
            {
                Console.Error.WriteLine($"haystack operator run: cannot reach Kubernetes: {e.Message}");
                return 1;
            }
            using var client = new Haystack.Kubernetes.Kubernetes(config);
            void Log(string line) => Console.Error.WriteLine($"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ} {line}");
            var reconciler = new HaystackClusterReconciler(client, TimeProvider.System, Log);
            var controller = new HaystackClusterController(client, reconciler, TimeProvider.System, Log)
            {
                Namespace = parseResult.GetValue(watchNamespace),
                Workers = Math.Max(1, parseResult.GetValue(workers)),
            };
            Log($"haystack operator watching {(controller.Namespace is { } ns ? $"namespace {ns}" : "every namespace")} at {config.Host} as field manager {OperatorIdentity.FieldManager}");
            await controller.RunAsync(ct);
            return 0;
        });
        return command;
    }
}
