using System.Collections;
using System.Diagnostics;

namespace Haystack.Telemetry.Tests.Support;

/// <summary>
/// The spans an in-memory exporter received. The exporter adds from the threads that end spans while the test reads,
/// so every access takes the lock.
/// </summary>
public sealed class ExportedSpans : ICollection<Activity>
{
    private readonly List<Activity> _spans = [];

    public int Count
    {
        get
        {
            lock (_spans)
            {
                return _spans.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    public void Add(Activity item)
    {
        lock (_spans)
        {
            _spans.Add(item);
        }
    }

    public void Clear()
    {
        lock (_spans)
        {
            _spans.Clear();
        }
    }

    public bool Contains(Activity item)
    {
        lock (_spans)
        {
            return _spans.Contains(item);
        }
    }

    public void CopyTo(Activity[] array, int arrayIndex)
    {
        lock (_spans)
        {
            _spans.CopyTo(array, arrayIndex);
        }
    }

    public bool Remove(Activity item)
    {
        lock (_spans)
        {
            return _spans.Remove(item);
        }
    }

    public IEnumerator<Activity> GetEnumerator() => Snapshot().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds over the spans so far; spans end after their responses are sent.</summary>
    public async Task<IReadOnlyList<Activity>> WaitForAsync(Func<IReadOnlyList<Activity>, bool> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var snapshot = Snapshot();
            if (condition(snapshot))
            {
                return snapshot;
            }
            if (deadline.Elapsed > TimeSpan.FromSeconds(15))
            {
                Assert.Fail($"{what} was not exported within 15 s; spans: {string.Join("; ", snapshot.Select(Describe))}");
            }
            await Task.Delay(50);
        }
    }

    public static string Describe(Activity span) =>
        $"{span.Kind} {span.DisplayName} trace {span.TraceId} span {span.SpanId} parent {span.ParentSpanId} port {span.GetTagItem("server.port")}";

    private List<Activity> Snapshot()
    {
        lock (_spans)
        {
            return [.. _spans];
        }
    }
}
