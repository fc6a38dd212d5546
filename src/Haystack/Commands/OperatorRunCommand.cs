using System.CommandLine;
using System.Net;
using Haystack.Commands.Cli;
using Haystack.Operator.Controller;
using Haystack.Operator.Hosting;
using Haystack.Operator.Reconciliation;
using k8s;
using k8s.Exceptions;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Haystack.Commands;

/// <summary>
/// <c>haystack operator run</c>: watches HaystackClusters and reconciles them until stopped, serving /metrics,
/// /healthz and /readyz on its HTTP port. Credentials come from $KUBECONFIG, ~/.kube/config, or the pod's service
/// account, in that order.
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
        var httpPort = new Option<int>("--http-port")
        {
            Description = "Port of /metrics, /healthz and /readyz (every address)",
            DefaultValueFactory = _ => 8080,
        };
        httpPort.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is var port && port is < 1 or > 65535)
            {
                result.AddError($"--http-port must be between 1 and 65535, not {port}.");
            }
        });
        var command = new Command("run", "Reconcile HaystackCluster resources until stopped (the operator Deployment's entrypoint)");
        command.Options.Add(watchNamespace);
        command.Options.Add(workers);
        command.Options.Add(leaderElect);
        command.Options.Add(leaseNamespace);
        command.Options.Add(httpPort);
        var telemetry = new TelemetryArguments();
        telemetry.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            KubernetesClientConfiguration config;
            try
            {
                config = KubernetesClientConfiguration.BuildDefaultConfig();
            }
            catch (KubeConfigException e)
            {
                await Console.Error.WriteLineAsync($"haystack operator run: cannot reach Kubernetes: {e.Message}");
                return 1;
            }
            var port = parseResult.GetValue(httpPort);
            await using var listener = OperatorListener.Create(new IPEndPoint(IPAddress.Any, port), telemetry.Read(parseResult));
            try
            {
                await listener.StartAsync(cancellationToken);
            }
            catch (IOException e)
            {
                await Console.Error.WriteLineAsync($"haystack operator run: cannot listen on port {port}: {e.Message}");
                return 1;
            }
            var loggers = listener.Services.GetRequiredService<ILoggerFactory>();
            var log = loggers.CreateLogger(typeof(OperatorRunCommand).FullName!);
            var readiness = listener.Services.GetRequiredService<OperatorReadiness>();
            var metrics = listener.Services.GetRequiredService<OperatorMetrics>();
            using var client = new Kubernetes(config);
            var reconciler = new HaystackClusterReconciler(client, TimeProvider.System, loggers) { Metrics = metrics };
            var controller = new HaystackClusterController(client, reconciler, TimeProvider.System, loggers.CreateLogger<HaystackClusterController>())
            {
                Namespace = parseResult.GetValue(watchNamespace),
                Workers = Math.Max(1, parseResult.GetValue(workers)),
                Metrics = metrics,
                Readiness = readiness,
            };
            log.LogInformation("haystack operator watching {Scope} at {ApiServer} as field manager {FieldManager}, metrics and probes on port {Port}",
                controller.Namespace is { } ns ? $"namespace {ns}" : "every namespace", config.Host, OperatorIdentity.FieldManager, port);
            if (!parseResult.GetValue(leaderElect))
            {
                readiness.StartedLeading();
                await controller.RunAsync(cancellationToken);
                return 0;
            }

            var identity = Environment.GetEnvironmentVariable("POD_NAME") ?? $"{Environment.MachineName}-{Guid.NewGuid():N}";
            var lockNamespace = parseResult.GetValue(leaseNamespace) ?? Environment.GetEnvironmentVariable("POD_NAMESPACE") ?? config.Namespace ?? "default";
            var lease = new LeaseLock(client, lockNamespace, LeaseName, identity);
            var elector = new LeaderElector(new LeaderElectionConfig(lease));
            readiness.Follow(elector);
            elector.OnStartedLeading += () => log.LogInformation("{Identity} leads (Lease {LeaseNamespace}/{Lease})", identity, lockNamespace, LeaseName);
            elector.OnNewLeader += leader => log.LogInformation("Leader is {Leader}", leader);
            if (await LeaderOnlyRunner.RunAsync(elector, lease, controller.RunAsync, cancellationToken))
            {
                log.LogWarning("{Identity} lost Lease {LeaseNamespace}/{Lease}; exiting so that a fresh process campaigns again", identity, lockNamespace, LeaseName);
                return 2;
            }
            return 0;
        });
        return command;
    }
}
