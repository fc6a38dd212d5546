using System.CommandLine;
using Haystack.Cache;
using Haystack.Commands.Cli;
using Haystack.Protocol;

namespace Haystack.Commands;

/// <summary><c>haystack cache</c>: one cache node of the photo hash ring, in front of the stores, until stopped.</summary>
public static class CacheCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port")
        {
            Description = "HTTP port for photos, /stats, /healthz and /readyz.",
            DefaultValueFactory = _ => 7080,
        };
        var directory = new Option<Uri>("--directory")
        {
            Description = "The Directory's URL, for volume lookups and replica reports (e.g. http://127.0.0.1:7070).",
            Required = true,
            CustomParser = result => HttpUrlsParser.Parse(result).FirstOrDefault(),
        };
        var nodes = new Option<Uri[]>("--node")
        {
            Description = "Every cache node of the ring, this one included (repeatable). Default: this node alone.",
            AllowMultipleArgumentsPerToken = true,
            CustomParser = HttpUrlsParser.Parse,
        };
        var self = new Option<Uri?>("--self")
        {
            Description = "This node's address as written in --node. Default: the --node on this host and --port.",
            CustomParser = result => HttpUrlsParser.Parse(result).FirstOrDefault(),
        };
        var capacity = new Option<long>("--capacity-bytes")
        {
            Description = "Memory for cached photos, entry overhead included.",
            DefaultValueFactory = _ => CacheOptions.DefaultCapacityBytes,
        };
        var cdnHeader = new Option<string>("--cdn-header")
        {
            Description = "Requests carrying this header came through a CDN: served, never cached.",
            DefaultValueFactory = _ => CacheOptions.DefaultCdnHeader,
        };
        var replicaTimeout = new Option<int>("--replica-timeout-ms")
        {
            Description = "Longest wait for one store (or the owning node) before trying the next.",
            DefaultValueFactory = _ => 2000,
        };
        var lookupTtl = new Option<int>("--lookup-ttl-ms")
        {
            Description = "How long a volume's replica list from the Directory is reused.",
            DefaultValueFactory = _ => 5000,
        };

        var command = new Command("cache", "Serve photos from memory or the stores (one node of the cache ring).")
        {
            port, directory, nodes, self, capacity, cdnHeader, replicaTimeout, lookupTtl,
        };
        var telemetry = new TelemetryArguments();
        telemetry.AddTo(command);
        var security = new SecurityArguments();
        security.AddServerOptions(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            if (ServerSecurity.TryRead(security, result, "cache") is not { } secured)
            {
                return ExitCodes.Usage;
            }
            var options = new CacheOptions
            {
                Port = result.GetValue(port),
                DirectoryUrl = result.GetRequiredValue(directory),
                Nodes = result.GetValue(nodes) ?? [],
                Self = result.GetValue(self),
                CapacityBytes = result.GetValue(capacity),
                CdnHeader = result.GetRequiredValue(cdnHeader),
                ReplicaTimeout = TimeSpan.FromMilliseconds(result.GetValue(replicaTimeout)),
                LookupTtl = TimeSpan.FromMilliseconds(result.GetValue(lookupTtl)),
                Telemetry = telemetry.Read(result),
                Keys = secured.Keys,
                Tls = secured.Tls,
                TrustedCa = secured.TrustedCa,
            };
            try
            {
                // A malformed host map is a usage error, reported as the options' are.
                await using var server = CacheServer.Create(options with { Endpoints = PodEndpoints.FromEnvironment() });
                await server.StartAsync(cancellationToken);
                await server.WaitForShutdownAsync(cancellationToken);
                return 0;
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync($"haystack cache: {e.Message}");
                return 2;
            }
            catch (IOException e)
            {
                await Console.Error.WriteLineAsync($"haystack cache: cannot listen on port {options.Port}: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
