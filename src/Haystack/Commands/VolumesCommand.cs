using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Haystack.Client;
using Haystack.Commands.Cli;
using Spectre.Console;

namespace Haystack.Commands;

/// <summary><c>haystack volumes</c>: the directory's logical volume table with sizes, fill level, state and replicas.</summary>
public static class VolumesCommand
{
    public static Command Create()
    {
        var directory = ServerOptions.Directory();
        var json = new Option<bool>("--json") { Description = "Print the volume table as JSON, in the directory's field names." };
        var command = new Command("volumes", "List the logical volumes: state (writable, read-only, degraded), size, needles, replicas.") { directory, json };
        command.SetGuardedAction(async (result, cancellationToken) =>
        {
            var client = CliClients.Create(result, ServerUrl.Parse(result.GetRequiredValue(directory), "directory"));
            var volumes = await client.ListVolumesAsync(cancellationToken);
            Terminal.PrepareForTables();
            if (result.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(new { volumes }, CliJson.Options));
                return ExitCodes.Success;
            }
            AnsiConsole.Write(Table(volumes));
            var writable = volumes.Count(volume => volume.State == VolumeState.Writable);
            var readOnly = volumes.Count(volume => volume.State == VolumeState.ReadOnly);
            var degraded = volumes.Count(volume => volume.State == VolumeState.Degraded);
            var used = ByteSize.Format(volumes.Sum(volume => volume.SizeBytes));
            var free = ByteSize.Format(volumes.Where(volume => volume.State == VolumeState.Writable).Sum(volume => volume.FreeBytes));
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{volumes.Count} volumes: {writable} writable, {readOnly} read-only, {degraded} degraded; {used} used, {free} writable space left"));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Table Table(IEnumerable<VolumeInfo> volumes)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("volume").AddColumn("state").AddColumn("read-only").AddColumn(new TableColumn("size").RightAligned())
            .AddColumn(new TableColumn("used").RightAligned()).AddColumn(new TableColumn("free").RightAligned())
            .AddColumn(new TableColumn("needles").RightAligned()).AddColumn("replicas").AddColumn("scrub").AddColumn("repairs").AddColumn("note");
        foreach (var volume in volumes.OrderBy(volume => volume.Id))
        {
            var used = volume.SizeLimitBytes > 0 ? (double)volume.SizeBytes / volume.SizeLimitBytes : 0;
            table.AddRow(
                volume.Id.ToString(CultureInfo.InvariantCulture),
                State(volume.State),
                volume.State == VolumeState.ReadOnly ? "yes" : "no",
                ByteSize.Format(volume.SizeBytes),
                string.Create(CultureInfo.InvariantCulture, $"{used:P0}"),
                ByteSize.Format(volume.FreeBytes),
                volume.Needles.ToString("N0", CultureInfo.InvariantCulture),
                Markup.Escape(string.Join(" ", volume.Replicas.Select(replica => replica.ToString().TrimEnd('/')))),
                Markup.Escape(string.Join(" ", (volume.Scrub ?? []).Select(replica => Scrub(replica.Scrub)))),
                Markup.Escape(Repairs(volume.Repairs)),
                Markup.Escape((volume.NeedsRepair ? "needs repair. " : "") + (volume.Reason ?? "")));
        }
        return table;
    }

    /// <summary>One replica's scrub, in replica order: the pass in progress, or done; "N bad" while needles await repair.</summary>
    private static string Scrub(ScrubProgress? scrub)
    {
        if (scrub is null)
        {
            return "?";
        }
        var progress = scrub.PassStarted is null && scrub.LastPassCompleted is not null
            ? "done"
            : string.Create(CultureInfo.InvariantCulture, $"{(scrub.End > 0 ? (double)scrub.Offset / scrub.End : 0):P0}");
        return scrub.OpenFindings > 0 ? string.Create(CultureInfo.InvariantCulture, $"{progress},{scrub.OpenFindings}bad") : progress;
    }

    private static string Repairs(VolumeRepairs? repairs) => repairs is null
        ? "-"
        : string.Create(CultureInfo.InvariantCulture, $"{repairs.NeedlesRepaired} needles, {repairs.ReplicasRebuilt} rebuilt");

    private static string State(VolumeState state) => state switch
    {
        VolumeState.Writable => "[green]writable[/]",
        VolumeState.ReadOnly => "[yellow]readonly[/]",
        _ => "[red]degraded[/]",
    };
}
