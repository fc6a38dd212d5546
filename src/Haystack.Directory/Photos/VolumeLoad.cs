using System.Collections.Concurrent;

namespace Haystack.Directory.Photos;

/// <summary>
/// Recent write load per logical volume: uploads in flight plus a count of recent uploads that halves every
/// <see cref="HalfLife"/>. The picker divides free space by it, so consecutive uploads spread over volumes.
/// </summary>
public sealed class VolumeLoad(TimeProvider time)
{
    public static readonly TimeSpan HalfLife = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<uint, Counter> counters = new();

    /// <summary>Counts an upload to the volume; dispose the result when the upload ends.</summary>
    public IDisposable Begin(uint volumeId)
    {
        var counter = counters.GetOrAdd(volumeId, _ => new Counter());
        lock (counter)
        {
            counter.Decay(time.GetTimestamp(), time);
            counter.InFlight++;
            counter.Recent++;
        }
        return new Finish(counter);
    }

    /// <summary>In-flight uploads plus the decayed recent count.</summary>
    public double Of(uint volumeId)
    {
        if (!counters.TryGetValue(volumeId, out var counter))
        {
            return 0;
        }
        lock (counter)
        {
            counter.Decay(time.GetTimestamp(), time);
            return counter.InFlight + counter.Recent;
        }
    }

    private sealed class Counter
    {
        private long decayedAt;

        public int InFlight { get; set; }

        public double Recent { get; set; }

        public void Decay(long now, TimeProvider time)
        {
            if (decayedAt != 0)
            {
                var elapsed = time.GetElapsedTime(decayedAt, now);
                Recent *= Math.Pow(0.5, elapsed / HalfLife);
            }
            decayedAt = now;
        }
    }

    private sealed class Finish(Counter counter) : IDisposable
    {
        private bool done;

        public void Dispose()
        {
            lock (counter)
            {
                if (!done)
                {
                    done = true;
                    counter.InFlight--;
                }
            }
        }
    }
}
