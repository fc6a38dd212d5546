using System.Collections.Concurrent;

namespace Haystack.Directory.Photos;

/// <summary>
/// Recent write load per logical volume: uploads in flight plus a count of recent uploads that halves every
/// <see cref="HalfLife"/>. The picker divides free space by it, so consecutive uploads spread over volumes.
/// </summary>
public sealed class VolumeLoad(TimeProvider time)
{
    public static readonly TimeSpan HalfLife = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<uint, Counter> _counters = new();

    /// <summary>Counts an upload to the volume; dispose the result when the upload ends.</summary>
    public IDisposable Begin(uint volumeId)
    {
        var counter = _counters.GetOrAdd(volumeId, _ => new Counter());
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
        if (!_counters.TryGetValue(volumeId, out var counter))
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
        private long _decayedAt;

        public int InFlight { get; set; }

        public double Recent { get; set; }

        public void Decay(long now, TimeProvider time)
        {
            if (_decayedAt != 0)
            {
                var elapsed = time.GetElapsedTime(_decayedAt, now);
                Recent *= Math.Pow(0.5, elapsed / HalfLife);
            }
            _decayedAt = now;
        }
    }

    private sealed class Finish(Counter counter) : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            lock (counter)
            {
                if (!_done)
                {
                    _done = true;
                    counter.InFlight--;
                }
            }
        }
    }
}
