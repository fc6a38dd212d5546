using Haystack.Directory.Volumes;

namespace Haystack.Directory.Tests.Support;

/// <summary>A volume table and key source in memory that keeps every saved volume and every reserved block.</summary>
internal sealed class InMemoryTableSource(IReadOnlyList<LogicalVolume> initial, ulong firstKey) : IVolumeTableSource, IKeyReservations
{
    private readonly List<LogicalVolume> _saved = [];
    private readonly List<KeyBlock> _reserved = [];
    private ulong _nextKey = firstKey;

    public string Description => "in-memory volume table";

    public IReadOnlyList<LogicalVolume> Saved
    {
        get
        {
            lock (_saved)
            {
                return [.. _saved];
            }
        }
    }

    public IReadOnlyList<KeyBlock> Reserved
    {
        get
        {
            lock (_saved)
            {
                return [.. _reserved];
            }
        }
    }

    public Task<IReadOnlyList<LogicalVolume>> LoadAsync(CancellationToken cancellationToken) => Task.FromResult(initial);

    public Task<LogicalVolume> SaveAsync(LogicalVolume volume, Func<LogicalVolume, LogicalVolume> change, CancellationToken cancellationToken)
    {
        lock (_saved)
        {
            _saved.Add(volume);
        }
        return Task.FromResult(volume);
    }

    public Task SaveFiguresAsync(IReadOnlyList<LogicalVolume> volumes, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task FollowAsync(VolumeTable table, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<KeyBlock> ReserveAsync(ulong count, CancellationToken cancellationToken)
    {
        lock (_saved)
        {
            var block = new KeyBlock(_nextKey, _nextKey + count);
            _nextKey = block.End;
            _reserved.Add(block);
            return Task.FromResult(block);
        }
    }
}
