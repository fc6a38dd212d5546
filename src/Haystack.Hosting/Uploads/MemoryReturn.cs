using System.Runtime;

namespace Haystack.Hosting.Uploads;

/// <summary>
/// Keeps the memory upload buffers leave behind from piling up, and hands a drained burst's memory back to the
/// operating system. Buffers above the pool's sizes are plain large-object arrays: the budget stops counting them when
/// an upload ends or its buffer doubles, but the GC frees them only at its next full collection, and then keeps the
/// pages (issue 15: 2.7 GB resident after 40 cut uploads). So once released buffers add up to a quarter of the budget,
/// a full collection runs; and once a burst that held an eighth of the budget has drained, one aggressive collection
/// (compacting, decommitting free memory) runs a second later unless uploads picked up again. Measured in
/// docs/benchmarks.md, "Uploads in flight within a memory budget".
/// </summary>
internal sealed class MemoryReturn(long budgetBytes)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    private readonly long _garbageLimit = budgetBytes / 4;
    private readonly long _burstBytes = budgetBytes / 8;
    private long _peak;
    private long _held;
    private long _garbage;
    private int _collecting;
    private int _scheduled;

    /// <summary>Called with the budget's new total after each reservation (under the budget's lock).</summary>
    public void Reserved(long held)
    {
        Volatile.Write(ref _held, held);
        if (held > Volatile.Read(ref _peak))
        {
            Volatile.Write(ref _peak, held);
        }
    }

    /// <summary>Called after each release with the budget's new total and the bytes that became garbage (not pooled).</summary>
    public void Released(long held, long garbageBytes)
    {
        Volatile.Write(ref _held, held);
        if (Interlocked.Add(ref _garbage, garbageBytes) >= _garbageLimit && Interlocked.Exchange(ref _collecting, 1) == 0)
        {
            Volatile.Write(ref _garbage, 0);
            // A thread of its own: under a flood the thread pool's queue is long, and the garbage grows while it waits.
            new Thread(() =>
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
                Volatile.Write(ref _collecting, 0);
            }) { IsBackground = true, Name = "upload memory collection" }.Start();
        }
        if (held <= _burstBytes / 8 && Volatile.Read(ref _peak) >= _burstBytes && Interlocked.Exchange(ref _scheduled, 1) == 0)
        {
            _ = Task.Run(ReturnAfterBurstAsync);
        }
    }

    private async Task ReturnAfterBurstAsync()
    {
        await Task.Delay(Settle);
        Volatile.Write(ref _scheduled, 0);
        if (Volatile.Read(ref _held) <= _burstBytes / 8)
        {
            Volatile.Write(ref _peak, 0);
            Volatile.Write(ref _garbage, 0);
            ReturnToSystem();
        }
    }

    private static void ReturnToSystem()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
