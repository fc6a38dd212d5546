using System.CommandLine;
using Haystack.Commands.Cli;
using Haystack.Directory;
using Haystack.Directory.Kubernetes;
using Haystack.Protocol;
using k8s;

namespace Haystack.Commands;

/// <summary><c>haystack directory</c>: the logical volume table, the write path and lookups, until stopped.</summary>
public static class DirectoryCommand
{
    public static Command Create()
    {
        var defaults = new DirectoryOptions { StateFile = "volumes.json", Stores = [] };
        var state = new Option<FileInfo>("--state")
        {
            Description = "JSON state file holding the volume table and the key sequence (created if missing; dev mode).",
        };
        var kubernetes = new Option<bool>("--kubernetes")
        {
            Description = "Keep the table in the cluster's Volume resources and the keys in a ConfigMap (kubeconfig or in-cluster account) instead of --state.",
        };
        var cluster = new Option<string>("--cluster")
        {
            Description = "With --kubernetes: the HaystackCluster whose Volumes are the table.",
        };
        var ns = new Option<string>("--namespace")
        {
            Description = "With --kubernetes: the cluster's namespace. Default: the kubeconfig's or the pod's namespace.",
        };
        var storePort = new Option<int>("--store-port")
        {
            Description = "With --kubernetes: the store pods' HTTP port, for replica URLs built from the Volumes' placements.",
            DefaultValueFactory = _ => 8080,
        };
        var storeScheme = new Option<string>("--store-scheme")
        {
            Description = "With --kubernetes: http, or https when the store pods serve TLS (their certificates are checked against --tls-ca).",
            DefaultValueFactory = _ => "http",
        };
        storeScheme.AcceptOnlyFromAmong("http", "https");
        var port = new Option<int>("--port")
        {
            Description = "HTTP port for uploads, lookups, deletes, /volumes and /stats.",
            DefaultValueFactory = _ => defaults.HttpPort,
        };
        var grpcPort = new Option<int?>("--grpc-port")
        {
            Description = "gRPC port (HTTP/2 cleartext). Default: the HTTP port + 1.",
        };
        var stores = new Option<Uri[]>("--store")
        {
            Description = "A Store server's URL, e.g. http://127.0.0.1:7101 (repeatable; new volumes are placed on these).",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
            CustomParser = HttpUrlsParser.Parse,
        };
        var caches = new Option<Uri[]>("--cache")
        {
            Description = "A cache node's URL (repeatable); photo URLs point at the node owning the id. Default: a replica.",
            AllowMultipleArgumentsPerToken = true,
            CustomParser = HttpUrlsParser.Parse,
        };
        var replication = new Option<int>("--replication")
        {
            Description = "Replicas per new volume, each on a different store.",
            DefaultValueFactory = _ => defaults.Replication,
        };
        var volumeSizeLimit = new Option<long>("--volume-size-limit")
        {
            Description = "Bytes per logical volume (the stores' own limit applies when smaller).",
            DefaultValueFactory = _ => defaults.VolumeSizeLimitBytes,
        };
        var readOnlyThreshold = new Option<double>("--read-only-threshold")
        {
            Description = "Share of the size limit at which a volume is marked read-only.",
            DefaultValueFactory = _ => defaults.ReadOnlyThreshold,
        };
        var writableVolumes = new Option<int>("--writable-volumes")
        {
            Description = "Create volumes on the stores to keep at least this many writable (0: never create).",
            DefaultValueFactory = _ => defaults.WritableVolumes,
        };
        var maxUploadBytes = new Option<int>("--max-upload-bytes")
        {
            Description = "Largest accepted photo; bigger uploads get 413.",
            DefaultValueFactory = _ => defaults.MaxUploadBytes,
        };
        var storeTimeout = new Option<int>("--store-timeout-ms")
        {
            Description = "Longest wait for one store call before the replica counts as failed.",
            DefaultValueFactory = _ => (int)defaults.StoreTimeout.TotalMilliseconds,
        };
        var probeInterval = new Option<int>("--probe-interval-ms")
        {
            Description = "How often every store is probed for health and volume sizes.",
            DefaultValueFactory = _ => (int)defaults.ProbeInterval.TotalMilliseconds,
        };
        var rebuildThreshold = new Option<double>("--rebuild-threshold")
        {
            Description = "Share of a replica's needles found damaged or missing above which it is rebuilt whole instead of needle by needle.",
            DefaultValueFactory = _ => defaults.RebuildThreshold,
        };

        var command = new Command("directory", "Serve the logical volume table: uploads to every replica, lookups, deletes.")
        {
            state, kubernetes, cluster, ns, storePort, storeScheme, port, grpcPort, stores, caches, replication, volumeSizeLimit, readOnlyThreshold, writableVolumes,
            maxUploadBytes, storeTimeout, probeInterval, rebuildThreshold,
        };
        var telemetry = new TelemetryArguments();
        telemetry.AddTo(command);
        var security = new SecurityArguments();
        security.AddServerOptions(command);
        var uploadLimits = new UploadLimitArguments();
        uploadLimits.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            if (ServerSecurity.TryRead(security, result, "directory") is not { } secured)
            {
                return ExitCodes.Usage;
            }
            var httpPort = result.GetValue(port);
            PodEndpoints endpoints;
            try
            {
                endpoints = PodEndpoints.FromEnvironment();
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync($"haystack directory: {e.Message}");
                return 2;
            }
            var options = new DirectoryOptions
            {
                StateFile = result.GetValue(state)?.FullName,
                Kubernetes = result.GetValue(kubernetes)
                    ? new KubernetesTableOptions(
                        result.GetValue(cluster) ?? "",
                        result.GetValue(ns) ?? KubernetesClientConfiguration.BuildDefaultConfig().Namespace ?? "default",
                        result.GetValue(storePort),
                        result.GetValue(storeScheme)!)
                    : null,
                Endpoints = endpoints,
                HttpPort = httpPort,
                GrpcPort = result.GetValue(grpcPort) ?? httpPort + 1,
                Stores = result.GetValue(stores) ?? [],
                Caches = result.GetValue(caches) ?? [],
                Replication = result.GetValue(replication),
                VolumeSizeLimitBytes = result.GetValue(volumeSizeLimit),
                ReadOnlyThreshold = result.GetValue(readOnlyThreshold),
                WritableVolumes = result.GetValue(writableVolumes),
                MaxUploadBytes = result.GetValue(maxUploadBytes),
                StoreTimeout = TimeSpan.FromMilliseconds(result.GetValue(storeTimeout)),
                ProbeInterval = TimeSpan.FromMilliseconds(result.GetValue(probeInterval)),
                RebuildThreshold = result.GetValue(rebuildThreshold),
                Telemetry = telemetry.Read(result),
                Keys = secured.Keys,
                Tls = secured.Tls,
                TrustedCa = secured.TrustedCa,
                UploadMemoryBudgetBytes = uploadLimits.Budget(result),
                UploadStallLimit = uploadLimits.StallLimit(result),
                MaxConnections = uploadLimits.MaxConnections(result),
            };
            try
            {
                await using var server = await DirectoryServer.CreateAsync(options, cancellationToken: cancellationToken);
                await server.StartAsync(cancellationToken);
                await server.WaitForShutdownAsync(cancellationToken);
                return 0;
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync($"haystack directory: {e.Message}");
                return 2;
            }
            catch (InvalidDataException e)
            {
                await Console.Error.WriteLineAsync($"haystack directory: {e.Message}");
                return 1;
            }
            catch (IOException e)
            {
                await Console.Error.WriteLineAsync($"haystack directory: cannot start on ports {options.HttpPort}/{options.GrpcPort} with {options.StateFile ?? "the Kubernetes table"}: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
