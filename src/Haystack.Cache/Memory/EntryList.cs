namespace Haystack.Cache.Memory;

/// <summary>
/// A doubly linked recency list of entries with its byte total: most recently used at the head, the eviction
/// candidate at the tail. Every operation is O(1). Not thread-safe: <see cref="PhotoCache"/> holds its lock.
/// </summary>
internal sealed class EntryList
{
    private CacheEntry? _head;
    private CacheEntry? _tail;

    public long Bytes { get; private set; }

    public int Count { get; private set; }

    public CacheEntry? LeastRecent => _tail;

    public void AddMostRecent(CacheEntry entry)
    {
        entry.List = this;
        entry.Previous = null;
        entry.Next = _head;
        if (_head is not null)
        {
            _head.Previous = entry;
        }
        _head = entry;
        _tail ??= entry;
        Bytes += entry.Cost;
        Count++;
    }

    public void Remove(CacheEntry entry)
    {
        if (entry.Previous is null)
        {
            _head = entry.Next;
        }
        else
        {
            entry.Previous.Next = entry.Next;
        }
        if (entry.Next is null)
        {
            _tail = entry.Previous;
        }
        else
        {
            entry.Next.Previous = entry.Previous;
        }
        entry.List = null;
        entry.Previous = null;
        entry.Next = null;
        Bytes -= entry.Cost;
        Count--;
    }

    public void MoveToMostRecent(CacheEntry entry)
    {
        if (_head == entry)
        {
            return;
        }
        Remove(entry);
        AddMostRecent(entry);
    }
}
