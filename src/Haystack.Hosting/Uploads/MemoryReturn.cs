namespace Haystack.Hosting.Uploads;

/// <summary>
/// Hands the memory of a drained upload burst back to the operating system. Upload buffers above the shared pool's
/// sizes are plain large-object arrays; the GC frees them but keeps the pages for reuse, so a burst's peak stayed
/// resident (issue 15: 2.7 GB after 40 cut uploads). Once a burst that held at least <c>burstBytes</c> has drained,
/// one aggressive collection (compacting, decommitting free regions and trimming the shared array pool) runs a
/// second later, unless uploads picked up again meanwhile. Measured in docs/benchmarks.md.
/// </summary>
internal sealed class MemoryReturn(long burstBytes)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    private long _peak;
    private long _held;
    private int _scheduled;

    /// <summary>Called with the budget's new total after each reservation (under the budget's lock).</summary>
    public void Observe(long held)
    {
        Volatile.Write(ref _held, held);
        if (held > _peak)
        {
            _peak = held;
        }
    }

    /// <summary>Called with the budget's new total after each release.</summary>
    public void Drained(long held)
    {
        Volatile.Write(ref _held, held);
        if (held > burstBytes / 8 || Volatile.Read(ref _peak) < burstBytes || Interlocked.Exchange(ref _scheduled, 1) == 1)
        {
            return;
        }
        _ = Task.Run(async () =>
        {
            await Task.Delay(Settle);
            Volatile.Write(ref _scheduled, 0);
            if (Volatile.Read(ref _held) <= burstBytes / 8)
            {
                Volatile.Write(ref _peak, 0);
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            }
        });
    }
}
