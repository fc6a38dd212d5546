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
        var source = new InMemoryTableSource([new LogicalVolume { Id = 5, State = VolumeState.Writable, Replicas = [stores[0].Url] }], firstKey: 40_000);
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
        await using var server = await DirectoryServer.CreateAsync(options, logging => logging.SetMinimumLevel(LogLevel.Critical), _ => new DirectoryStorage(source, source));
        await server.StartAsync(CancellationToken.None);
        await server.Maintenance.FirstRound;

        var key = await server.Keys.NextKeyAsync(CancellationToken.None);
        await server.Services.GetRequiredService<VolumeTransitions>().MarkReadOnlyAsync(5, "test", CancellationToken.None);

        Assert.Equal(40_000UL, key);
        Assert.False(File.Exists("unused.json"));
        Assert.Equal(new KeyBlock(40_000, 40_000 + KeySequence.BlockSize), Assert.Single(source.Reserved));
        Assert.Equal(VolumeState.ReadOnly, source.Saved[^1].State);
    }
}
