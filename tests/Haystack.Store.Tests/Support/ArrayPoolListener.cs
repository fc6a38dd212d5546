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
    private readonly ConcurrentDictionary<int, int> outstanding = new();
    private int rented;

    /// <summary>Buffers rented while listening, returned or not.</summary>
    public int Rented => Volatile.Read(ref rented);

    public int Outstanding => outstanding.Count;

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
            outstanding[bufferId] = bufferSize;
            Interlocked.Increment(ref rented);
        }
        else if (eventData.EventName == "BufferReturned")
        {
            outstanding.TryRemove(bufferId, out _);
        }
    }
}
