using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Haystack.Commands.Cli;
using Haystack.Commands.Dev;

namespace Haystack.Commands;

/// <summary>
/// <c>haystack dev</c>: a whole Haystack on this machine without Kubernetes: three stores, a directory and a cache,
/// each a supervised child process of this binary (restarted with backoff if it dies), data under ./haystack-data.
/// Guarded by a key like a real cluster (<see cref="DevKey"/>).
/// Ctrl+C or SIGTERM stops them all; running it again keeps every photo.
/// </summary>
public static class DevCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data")
        {
            Description = "Data root: directory/volumes.json (the volume table) and store-N/ (each store's volumes).",
            DefaultValueFactory = _ => new DirectoryInfo("haystack-data"),
        };
        var stores = new Option<int>("--stores") { Description = "Store servers to run.", DefaultValueFactory = _ => 3 };
        var replication = new Option<int>("--replication") { Description = "Replicas of every logical volume (at most --stores).", DefaultValueFactory = _ => 3 };
        var directoryPort = new Option<int>("--directory-port") { Description = "Directory HTTP port (gRPC: this + 1).", DefaultValueFactory = _ => 7070 };
        var cachePort = new Option<int>("--cache-port") { Description = "Cache HTTP port.", DefaultValueFactory = _ => 7080 };
        var storePort = new Option<int>("--store-port")
        {
            Description = $"HTTP port of store-1; store-N uses this + N - 1 (gRPC: + {DevLayout.StoreGrpcOffset}).",
            DefaultValueFactory = _ => 7101,
        };
        var volumeSizeLimit = new Option<long?>("--volume-size-limit") { Description = "Bytes per logical volume (default: the directory's, 30 GiB)." };
        var command = new Command("dev", "Run a whole Haystack on this machine: 3 stores, a directory and a cache as child processes.")
        {
            data, stores, replication, directoryPort, cachePort, storePort, volumeSizeLimit,
        };
        command.SetGuardedAction((result, cancellationToken) => RunAsync(result, new DevLayout(
            result.GetRequiredValue(data).FullName,
            result.GetValue(stores),
            result.GetValue(replication),
            result.GetValue(directoryPort),
            result.GetValue(cachePort),
            result.GetValue(storePort),
            result.GetValue(volumeSizeLimit)), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult result, DevLayout layout, CancellationToken cancellationToken)
    {
        Validate(layout);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(layout.StateFile)!);
        var key = DevKey.Settle(layout.DataRoot, result.GetValue(SecurityArguments.KeyFile));
        layout = layout with { KeyFile = key.File };

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Handle SIGTERM/SIGINT here too, so stopping the children is not cut short by the default termination.
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop(stop));
        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop(stop));

        var log = new PrefixedLog(Console.Out, nameWidth: 9);
        var cluster = new DevCluster(layout, log, readyLimit: TimeSpan.FromSeconds(60), stopGrace: TimeSpan.FromSeconds(10));
        // If the runtime exits before the action returns (a second signal), still take the children down with it.
        EventHandler onExit = (_, _) => cluster.StopAsync().Wait(TimeSpan.FromSeconds(15));
        AppDomain.CurrentDomain.ProcessExit += onExit;
        try
        {
            await cluster.StartAsync(stop.Token);
            PrintWelcome(layout, key);
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            log.Write("dev", "stopping every server...");
        }
        finally
        {
            await cluster.StopAsync();
            AppDomain.CurrentDomain.ProcessExit -= onExit;
        }
        log.Write("dev", $"stopped; data kept in {layout.DataRoot}");
        return ExitCodes.Success;
    }

    private static Action<PosixSignalContext> Stop(CancellationTokenSource stop) => context =>
    {
        context.Cancel = true;
        try
        {
            stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // System.CommandLine's own handler for the same signal ran first and waited for this action to finish and
            // dispose its token source: everything is already stopped. Throwing here would abort the process.
        }
    };

    private static void Validate(DevLayout layout)
    {
        if (layout.Stores is < 1 or > 50)
        {
            throw new CliException($"--stores must be between 1 and 50, not {layout.Stores}.", ExitCodes.Usage);
        }
        if (layout.Replication < 1 || layout.Replication > layout.Stores)
        {
            throw new CliException($"--replication must be between 1 and --stores ({layout.Stores}): each replica needs its own store.", ExitCodes.Usage);
        }
        var ports = layout.Ports.ToList();
        if (ports.Any(port => port is < 1 or > 65535) || ports.Distinct().Count() != ports.Count)
        {
            throw new CliException($"the ports overlap or are out of range: {string.Join(", ", ports)}; choose --directory-port, --cache-port and --store-port apart.", ExitCodes.Usage);
        }
        foreach (var port in ports)
        {
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
            }
            catch (SocketException)
            {
                throw new CliException(
                    $"port {port} on 127.0.0.1 is in use (is another `haystack dev` running?); stop it or choose other ports (--directory-port, --cache-port, --store-port).",
                    ExitCodes.Usage);
            }
        }
    }

    private static void PrintWelcome(DevLayout layout, DevKey key)
    {
        var bearer = key.File is null ? "Bearer $HAYSTACK_KEY" : $"Bearer $(cat {key.File})";
        var stores = string.Join(", ", layout.StoreSpecs.Select(store => store.Url.GetLeftPart(UriPartial.Authority)));
        var directory = layout.DirectoryUrl.GetLeftPart(UriPartial.Authority);
        var cache = layout.CacheUrl.GetLeftPart(UriPartial.Authority);
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""

            Haystack is running ({layout.Stores} stores, replication {layout.Replication}, data in {layout.DataRoot})
              directory  {directory}   (uploads, lookups, deletes, /volumes; gRPC on port {layout.DirectoryGrpcPort})
              cache      {cache}   (reads: GET {cache}/<photo id>)
              stores     {stores}
              metrics    /metrics on each of them (Prometheus format; docs/observability.md)
              key        {key.Origin}: uploads, deletes and administration need it (docs/security.md);
                         {key.HowClientsFindIt}

            Try it:
              curl -s --data-binary @photo.jpg -H 'Content-Type: image/jpeg' -H "Authorization: {bearer}" {directory}/upload
              curl -s -o copy.jpg {cache}/<id from the upload>
              curl -s {cache}/stats
              haystack upload ./photos   |   haystack volumes   |   haystack stats

            Ctrl+C stops everything; the data stays for the next run.

            """));
        Console.Out.Flush();
    }
}
