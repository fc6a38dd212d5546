using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Haystack.Store.Tests.Support;

/// <summary>
/// Follows <c>ArrayPool&lt;byte&gt;.Shared</c> through its event source: which buffers of at least
/// <paramref name="minimumBytes"/> were rented while listening and have not been returned yet.
/// The events are process-wide, so tests using this run outside the parallel ones (<see cref="ArrayPoolCollection"/>).
/// </summary>
internal sealed class ArrayPoolListener(int minimumBytes) : EventListener
{
    private const string SourceName = "System.Buffers.ArrayPoolEventSource";

    // Initialised before the base constructor runs, which already reports the existing event sources.
    private readonly ConcurrentDictionary<int, int> _outstanding = new();
    private int _rented;

    /// <summary>Buffers rented while listening, returned or not.</summary>
    public int Rented => Volatile.Read(ref _rented);

    public int Outstanding => _outstanding.Count;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == SourceName)
        {
            EnableEvents(eventSource, EventLevel.Verbose);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        // Both events carry the buffer's identity hash, then its size.
        if (eventData.Payload is not [int bufferId, int bufferSize, ..] || bufferSize < minimumBytes)
        {
            return;
        }
        if (eventData.EventName == "BufferRented")
        {
            _outstanding[bufferId] = bufferSize;
            Interlocked.Increment(ref _rented);
        }
        else if (eventData.EventName == "BufferReturned")
        {
            _outstanding.TryRemove(bufferId, out _);
        }
    }
}
