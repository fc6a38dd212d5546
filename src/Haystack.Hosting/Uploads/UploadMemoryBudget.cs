namespace Haystack.Hosting.Uploads;

/// <summary>
/// The memory a server lets uploads in flight hold, counted as their buffers grow (<see cref="UploadBuffer"/>). A
/// reservation that does not fit waits up to <see cref="Wait"/> for others to finish, then fails with
/// <see cref="UploadMemoryExhaustedException"/> (the server answers 503 with Retry-After). Uploads larger than
/// <see cref="SmallUploadBytes"/> may fill only <see cref="LargeUploadShare"/> of it, so that a flood of large stalled
/// uploads leaves room for ordinary photos. When a burst has drained, the freed buffers are handed back to the
/// operating system (<see cref="MemoryReturn"/>) instead of staying in the process's heap.
/// </summary>
public sealed class UploadMemoryBudget
{
    /// <summary>Used when the container has no memory limit: room for several of the largest uploads, or thousands of photos, at once.</summary>
    public const long UnlimitedContainerDefaultBytes = 512L * 1024 * 1024;

    /// <summary>An upload of at most this many bytes is an ordinary photo and may use the whole budget.</summary>
    public const int SmallUploadBytes = 1024 * 1024;

    /// <summary>The share of the budget that uploads above <see cref="SmallUploadBytes"/> may hold together.</summary>
    public const double LargeUploadShare = 0.75;

    /// <summary>What a client is told to wait before it tries again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();
    private readonly string _serverName;
    private readonly MemoryReturn _memoryReturn;
    private long _held;
    private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="serverName">Named in the refusal: "this store's upload memory budget".</param>
    public UploadMemoryBudget(long totalBytes, TimeSpan wait, string serverName)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalBytes);
        TotalBytes = totalBytes;
        Wait = wait;
        _serverName = serverName;
        _memoryReturn = new MemoryReturn(totalBytes);
    }

    public long TotalBytes { get; }

    public long LargeUploadBytes => (long)(TotalBytes * LargeUploadShare);

    public TimeSpan Wait { get; }

    public long HeldBytes => Volatile.Read(ref _held);

    /// <summary>
    /// The default budget: a quarter of the container's memory limit (the rest is the runtime, the needle maps and the
    /// responses being written), or <see cref="UnlimitedContainerDefaultBytes"/> without a limit; never less than
    /// <see cref="MinimumBytes"/>, or the largest upload could never be taken.
    /// </summary>
    public static long DefaultBytes(long? containerLimitBytes, int maxUploadBytes) =>
        Math.Max(containerLimitBytes / 4 ?? UnlimitedContainerDefaultBytes, MinimumBytes(maxUploadBytes));

    /// <summary>
    /// The smallest budget that takes one upload of <paramref name="maxUploadBytes"/>: while a GC array buffer doubles
    /// for the last time it holds one and a half times its size, within the large uploads' share (a mapped buffer grows
    /// in place and needs less, but arrays are the fallback where mappings cannot grow).
    /// </summary>
    public static long MinimumBytes(int maxUploadBytes) => (long)Math.Ceiling(maxUploadBytes * 1.5 / LargeUploadShare);

    /// <summary>Takes <paramref name="bytes"/> from the budget, waiting up to <see cref="Wait"/> for them.</summary>
    /// <param name="large">Whether the upload is larger than <see cref="SmallUploadBytes"/> (declared or received).</param>
    public async ValueTask ReserveAsync(long bytes, bool large, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            if (TryReserve(bytes, large, out var released))
            {
                return;
            }
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new UploadMemoryExhaustedException(
                    $"Uploads in flight hold {HeldBytes} bytes of this {_serverName}'s {TotalBytes}-byte upload memory budget " +
                    $"(--upload-memory-budget{(large ? $"; uploads over {SmallUploadBytes} bytes share {LargeUploadBytes} of it" : "")}), " +
                    $"so this upload was not taken and nothing was stored; retry in {RetryAfter.TotalSeconds:0} s.", RetryAfter);
            }
            try
            {
                await released.WaitAsync(remaining, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Nothing was released in time: the next round refuses.
            }
        }
    }

    /// <summary>Takes <paramref name="bytes"/> from the budget if they fit now, without waiting.</summary>
    public bool TryReserve(long bytes, bool large) => TryReserve(bytes, large, out _);

    private bool TryReserve(long bytes, bool large, out Task released)
    {
        var limit = large ? LargeUploadBytes : TotalBytes;
        lock (_gate)
        {
            released = _released.Task;
            if (_held + bytes > limit)
            {
                return false;
            }
            _held += bytes;
            _memoryReturn.Reserved(_held);
            return true;
        }
    }

    /// <param name="garbage">Whether the buffer is left to the GC rather than returned to a pool.</param>
    public void Release(long bytes, bool garbage)
    {
        TaskCompletionSource released;
        long held;
        lock (_gate)
        {
            _held -= bytes;
            held = _held;
            released = _released;
            _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        released.SetResult();
        _memoryReturn.Released(held, garbage ? bytes : 0);
    }
}
