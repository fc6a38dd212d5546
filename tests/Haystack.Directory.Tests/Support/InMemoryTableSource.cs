using Haystack.Directory.Volumes;

namespace Haystack.Directory.Tests.Support;

/// <summary>A volume table and key source in memory that keeps every saved volume and every reserved block.</summary>
internal sealed class InMemoryTableSource(IReadOnlyList<LogicalVolume> initial, ulong firstKey) : IVolumeTableSource, IKeyReservations
{
    private readonly List<LogicalVolume> saved = [];
    private readonly List<KeyBlock> reserved = [];
    private ulong nextKey = firstKey;

    public string Description => "in-memory volume table";

    public IReadOnlyList<LogicalVolume> Saved
    {
        get
        {
            lock (saved)
            {
                return [.. saved];
            }
        }
    }

    public IReadOnlyList<KeyBlock> Reserved
    {
        get
        {
            lock (saved)
            {
                return [.. reserved];
            }
        }
    }

    public Task<IReadOnlyList<LogicalVolume>> LoadAsync(CancellationToken cancellationToken) => Task.FromResult(initial);

    public Task<LogicalVolume> SaveAsync(LogicalVolume volume, Func<LogicalVolume, LogicalVolume> change, CancellationToken cancellationToken)
    {
        lock (saved)
        {
            saved.Add(volume);
        }
        return Task.FromResult(volume);
    }

    public Task SaveFiguresAsync(IReadOnlyList<LogicalVolume> volumes, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task FollowAsync(VolumeTable table, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<KeyBlock> ReserveAsync(ulong count, CancellationToken cancellationToken)
    {
        lock (saved)
        {
            var block = new KeyBlock(nextKey, nextKey + count);
            nextKey = block.End;
            reserved.Add(block);
            return Task.FromResult(block);
        }
    }
}
