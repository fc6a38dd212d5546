using System.CommandLine;
using Haystack.Commands.Cli;
using Haystack.Storage;
using Haystack.Store;
using Haystack.Store.Scrub;

namespace Haystack.Commands;

/// <summary><c>haystack store</c>: serves the volumes in one directory over HTTP and gRPC until stopped.</summary>
public static class StoreCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data")
        {
            Description = "Directory holding the volume files (created if missing).",
            Required = true,
        };
        var port = new Option<int>("--port")
        {
            Description = "HTTP port for needles, volume administration and /stats.",
            DefaultValueFactory = _ => 8080,
        };
        var grpcPort = new Option<int?>("--grpc-port")
        {
            Description = "gRPC port (HTTP/2 cleartext). Default: the HTTP port + 1.",
        };
        var maxNeedleBytes = new Option<int>("--max-needle-bytes")
        {
            Description = "Largest needle accepted; bigger uploads get 413.",
            DefaultValueFactory = _ => new VolumeOptions().MaxNeedleDataBytes,
        };
        var volumeSizeBytes = new Option<long>("--volume-size-bytes")
        {
            Description = "Size limit of volumes this store creates; a full volume refuses writes.",
            DefaultValueFactory = _ => new VolumeOptions().SizeLimitBytes,
        };
        var createVolumes = new Option<uint[]>("--create-volume")
        {
            Description = "Create this volume at start-up unless it exists (repeatable).",
            AllowMultipleArgumentsPerToken = true,
        };

        var scrubRate = new Option<long>("--scrub-rate")
        {
            Description = "Bytes per second the background scrub reads to check every needle (0 pauses it).",
            DefaultValueFactory = _ => new ScrubOptions().BytesPerSecond,
        };
        var scrubInterval = new Option<int>("--scrub-interval-s")
        {
            Description = "Seconds from the end of one whole scrub pass of a volume to the start of the next.",
            DefaultValueFactory = _ => (int)new ScrubOptions().PassInterval.TotalSeconds,
        };

        var command = new Command("store", "Serve the volumes in a directory over HTTP and gRPC (one Store pod).")
        {
            data, port, grpcPort, maxNeedleBytes, volumeSizeBytes, createVolumes, scrubRate, scrubInterval,
        };
        var telemetry = new TelemetryArguments();
        telemetry.AddTo(command);
        var security = new SecurityArguments();
        security.AddServerOptions(command);
        var uploadLimits = new UploadLimitArguments();
        uploadLimits.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            if (ServerSecurity.TryRead(security, result, "store") is not { } secured)
            {
                return ExitCodes.Usage;
            }
            var httpPort = result.GetValue(port);
            var options = new StoreOptions
            {
                DataDirectory = result.GetRequiredValue(data).FullName,
                HttpPort = httpPort,
                GrpcPort = result.GetValue(grpcPort) ?? httpPort + 1,
                Volume = new VolumeOptions
                {
                    MaxNeedleDataBytes = result.GetValue(maxNeedleBytes),
                    SizeLimitBytes = result.GetValue(volumeSizeBytes),
                },
                VolumesToCreate = result.GetValue(createVolumes) ?? [],
                Scrub = new ScrubOptions
                {
                    BytesPerSecond = result.GetValue(scrubRate),
                    PassInterval = TimeSpan.FromSeconds(result.GetValue(scrubInterval)),
                },
                Telemetry = telemetry.Read(result),
                Keys = secured.Keys,
                Tls = secured.Tls,
                TrustedCa = secured.TrustedCa,
                UploadMemoryBudgetBytes = uploadLimits.Budget(result),
                UploadStallLimit = uploadLimits.StallLimit(result),
                MaxConnections = uploadLimits.MaxConnections(result),
            };
            RunSocketCompletionsInline();
            await using var server = StoreServer.Create(options);
            try
            {
                await server.StartAsync(cancellationToken);
            }
            catch (IOException e)
            {
                await Console.Error.WriteLineAsync($"haystack store: cannot listen on ports {options.HttpPort} and {options.GrpcPort}: {e.Message}");
                return 1;
            }
            await server.WaitForShutdownAsync(cancellationToken);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Lets .NET's socket threads run the request that a socket event completes (one thread per core) instead of queuing
    /// it to the thread pool: with the Store's inline request scheduling, a page-cached GET is served start to end on
    /// one thread. Read once, when the first socket is created, so it is set before the server starts; an operator who
    /// sets the variable keeps their value. Measured in docs/benchmarks.md.
    /// </summary>
    private static void RunSocketCompletionsInline()
    {
        const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
        if (Environment.GetEnvironmentVariable(InlineCompletions) is null)
        {
            Environment.SetEnvironmentVariable(InlineCompletions, "1");
        }
    }
}
