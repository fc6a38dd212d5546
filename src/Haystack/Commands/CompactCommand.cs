using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Haystack.Commands.Cli;
using Haystack.Commands.Compaction;
using Haystack.Operator.Entities;
using k8s;
using k8s.Exceptions;

namespace Haystack.Commands;

/// <summary>
/// <c>haystack compact</c>: compacts the volumes whose garbage is at or over a threshold, one replica at a time, and
/// prints what each replica reclaimed. The compaction CronJob of a HaystackCluster runs it with <c>--kubernetes</c>.
/// </summary>
public static class CompactCommand
{
    private const string PodNamespaceFile = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

    // A store compacts at disk speed; a 30 GiB volume on a slow disk takes minutes, so the bound is generous.
    private static readonly TimeSpan CompactionAttemptLimit = TimeSpan.FromHours(2);

    private static readonly JsonSerializerOptions Json = new(CliJson.Options)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        WriteIndented = true,
    };

    public static Command Create()
    {
        var directory = ServerOptions.Directory();
        var threshold = new Option<double>("--garbage-threshold")
        {
            Description = "Compact a volume when at least this fraction of a replica's bytes is garbage (0 to 1).",
            DefaultValueFactory = _ => new CompactionSpec().GarbageThreshold,
        };
        var volumes = new Argument<uint[]>("volumes") { Description = "Only these volume ids (default: every volume).", Arity = ArgumentArity.ZeroOrMore };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print which volumes would be compacted; change nothing." };
        var json = new Option<bool>("--json") { Description = "Print the outcome as JSON." };
        var kubernetes = new Option<bool>("--kubernetes") { Description = "Show each volume's Volume resource as Compacting meanwhile (needs --cluster)." };
        var ns = new Option<string?>("--namespace") { Description = $"Namespace of the Volume resources (default: the pod's, from $POD_NAMESPACE or {PodNamespaceFile})." };
        var cluster = new Option<string?>("--cluster") { Description = "The HaystackCluster whose Volume resources are marked." };
        var command = new Command("compact", "Compact volumes whose garbage (deleted photos) is over a threshold, one replica at a time, so reads go on.")
        {
            directory, threshold, volumes, dryRun, json, kubernetes, ns, cluster,
        };
        command.SetGuardedAction(async (result, cancellationToken) =>
        {
            var limit = result.GetValue(threshold);
            if (limit is < 0 or > 1 || double.IsNaN(limit))
            {
                throw new CliException($"--garbage-threshold must be a fraction from 0 to 1, such as 0.3, not {limit}.", ExitCodes.Usage);
            }
            var directoryUrl = ServerUrl.Parse(result.GetRequiredValue(directory), "directory");
            var marked = result.GetValue(kubernetes) ? (Cluster: Cluster(result.GetValue(cluster)), Namespace: Namespace(result.GetValue(ns))) : default;
            using var kube = result.GetValue(kubernetes) ? KubernetesClient() : null;
            var phases = kube is null ? null : new KubernetesVolumePhases(kube, marked.Namespace, marked.Cluster, Console.Error);
            var compactor = new VolumeCompactor(CliClients.Create(result, directoryUrl), CliClients.Create(result, directoryUrl, attemptTimeout: CompactionAttemptLimit), phases);
            var outcome = await compactor.RunAsync(limit, result.GetValue(volumes) ?? [], result.GetValue(dryRun), cancellationToken);
            if (result.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(new { garbage_threshold = limit, dry_run = result.GetValue(dryRun), volumes = outcome }, Json));
            }
            else
            {
                CompactionText.Write(Console.Out, outcome, limit);
            }
            foreach (var failure in outcome.Where(volume => volume.IsFailure))
            {
                Console.Error.WriteLine($"haystack: {failure.Message}");
            }
            return outcome.Any(volume => volume.IsFailure) ? ExitCodes.Failure : ExitCodes.Success;
        });
        return command;
    }

    private static Kubernetes KubernetesClient()
    {
        try
        {
            return new Kubernetes(KubernetesClientConfiguration.BuildDefaultConfig());
        }
        catch (KubeConfigException error)
        {
            throw new CliException($"--kubernetes: cannot reach Kubernetes: {error.Message}", ExitCodes.Unreachable, error);
        }
    }

    // The pod's namespace: the downward-API POD_NAMESPACE every haystack container is given, else the service account's file.
    private static string Namespace(string? given) =>
        given ?? Environment.GetEnvironmentVariable("POD_NAMESPACE") ?? (File.Exists(PodNamespaceFile) ? File.ReadAllText(PodNamespaceFile).Trim()
            : throw new CliException($"--kubernetes needs --namespace outside a pod (there is no {PodNamespaceFile}).", ExitCodes.Usage));

    private static string Cluster(string? given) =>
        given ?? throw new CliException("--kubernetes needs --cluster, the HaystackCluster whose volumes these are.", ExitCodes.Usage);
}
