namespace Haystack.Directory.Volumes;

/// <summary>
/// Hands out photo keys from blocks reserved through <see cref="IKeyReservations"/>: increasing within a directory
/// (the stores' needle maps pack increasing keys tightly), never handed out twice, also across directories and restarts.
/// </summary>
public sealed class KeySequence(IKeyReservations reservations)
{
    /// <summary>Keys are reserved this many at a time, so the reservation is written once per block, not per upload.</summary>
    public const ulong BlockSize = 10_000;

    private readonly Lock _sync = new();
    private readonly SemaphoreSlim _reserving = new(1, 1);
    private ulong _next;
    private ulong _end;
    private long _issued;

    /// <summary>The next key this directory will hand out, or null before it reserved a block.</summary>
    public ulong? NextKey
    {
        get
        {
            lock (_sync)
            {
                return _end == 0 ? null : _next;
            }
        }
    }

    /// <summary>Keys handed out since start.</summary>
    public long Issued => Interlocked.Read(ref _issued);

    public async Task<ulong> NextKeyAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryTake(out var key))
            {
                return key;
            }
            await _reserving.WaitAsync(cancellationToken);
            try
            {
                if (TryTake(out key))
                {
                    return key;
                }
                var block = await reservations.ReserveAsync(BlockSize, cancellationToken);
                lock (_sync)
                {
                    (_next, _end) = (block.First, block.End);
                }
            }
            finally
            {
                _reserving.Release();
            }
        }
    }

    private bool TryTake(out ulong key)
    {
        lock (_sync)
        {
            if (_next < _end)
            {
                key = _next++;
                Interlocked.Increment(ref _issued);
                return true;
            }
        }
        key = 0;
        return false;
    }
}
