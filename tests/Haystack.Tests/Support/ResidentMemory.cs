using System.Globalization;

namespace Haystack.Tests.Support;

/// <summary>A process's resident set size (VmRSS in /proc/&lt;pid&gt;/status): the memory the kernel would have to OOM-kill.</summary>
public static class ResidentMemory
{
    public const long MiB = 1024 * 1024;

    public static long Bytes(int processId)
    {
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                // "VmRSS:	   73412 kB"
                var kilobytes = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
            }
        }
        throw new InvalidOperationException($"/proc/{processId}/status has no VmRSS line");
    }

    /// <summary>Samples every 100 ms until <paramref name="done"/> completes; returns the highest figure seen.</summary>
    public static async Task<long> PeakWhileAsync(int processId, Task done)
    {
        var peak = Bytes(processId);
        while (!done.IsCompleted)
        {
            await Task.WhenAny(done, Task.Delay(100));
            peak = Math.Max(peak, Bytes(processId));
        }
        return peak;
    }

    /// <summary>Waits (up to <paramref name="limit"/>) for the figure to fall to <paramref name="bound"/>; returns the last figure.</summary>
    public static async Task<long> SettleAsync(int processId, long bound, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        long now;
        while ((now = Bytes(processId)) > bound && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
        return now;
    }
}
