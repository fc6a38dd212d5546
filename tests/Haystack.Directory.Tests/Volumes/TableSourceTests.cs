using Haystack.Directory.Tests.Support;
using Haystack.Directory.Volumes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Haystack.Directory.Tests.Volumes;

public sealed class TableSourceTests
{
    [Fact]
    public async Task A_directory_runs_on_any_table_source_and_saves_state_changes_through_it()
    {
        await using var stores = await StoreGroup.StartAsync(1, _ => [5]);
        var source = new InMemoryTableSource(new VolumeTableSnapshot(40_000, [new LogicalVolume { Id = 5, State = VolumeState.Writable, Replicas = [stores[0].Url] }]));
        var options = new DirectoryOptions
        {
            StateFile = "unused.json",
            HttpPort = 0,
            GrpcPort = 0,
            LoopbackOnly = true,
            Stores = [stores[0].Url],
            Replication = 1,
            WritableVolumes = 0,
            ProbeInterval = TimeSpan.FromHours(1),
        };
        await using var server = await DirectoryServer.CreateAsync(options, source, logging => logging.SetMinimumLevel(LogLevel.Critical));
        await server.StartAsync(CancellationToken.None);
        await server.Maintenance.FirstRound;

        var key = await server.Table.NextKeyAsync(CancellationToken.None);
        await server.Services.GetRequiredService<VolumeTransitions>().MarkReadOnlyAsync(5, "test", CancellationToken.None);

        Assert.Equal(40_000UL, key);
        Assert.False(File.Exists("unused.json"));
        var last = source.Saved[^1];
        Assert.True(last.ReservedKeys > key);
        Assert.Equal(VolumeState.ReadOnly, Assert.Single(last.Volumes).State);
    }
}
