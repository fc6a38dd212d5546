using Haystack.Storage.Format;
using Microsoft.Win32.SafeHandles;

namespace Haystack.Storage.Files;

/// <summary>
/// Reads and verifies an index file chunk by chunk, each chunk on a pool thread one step ahead of the
/// caller, so checksumming overlaps with building the needle map (recovery of 10M records on two cores).
/// </summary>
internal sealed class IndexChunkReader(SafeFileHandle handle, long length)
{
    private const int ChunkRecords = 1 << 16;

    private readonly Chunk[] _chunks = [new(), new()];
    private int _turn;

    /// <summary>Verified records from <paramref name="position"/>, stopping at the first damaged one.</summary>
    public Task<Chunk> ReadAsync(long position)
    {
        var chunk = _chunks[_turn];
        _turn ^= 1;
        return Task.Run(() => chunk.Fill(handle, position, length));
    }

    public sealed class Chunk
    {
        private readonly byte[] _bytes = new byte[ChunkRecords * IndexRecord.Size];

        public IndexRecord[] Records { get; } = new IndexRecord[ChunkRecords];

        public int Count { get; private set; }

        /// <summary>A record failed its checksum: the usable index ends after <see cref="Count"/> records.</summary>
        public bool Damaged { get; private set; }

        /// <summary>No whole record follows this chunk.</summary>
        public bool AtEnd { get; private set; }

        public long NextPosition { get; private set; }

        public Chunk Fill(SafeFileHandle file, long position, long fileLength)
        {
            var want = (int)Math.Min(_bytes.Length, (fileLength - position) / IndexRecord.Size * IndexRecord.Size);
            var read = want <= 0 ? 0 : RandomAccess.Read(file, _bytes.AsSpan(0, want), position);
            Count = 0;
            Damaged = false;
            for (var at = 0; at + IndexRecord.Size <= read; at += IndexRecord.Size)
            {
                if (IndexRecord.TryRead(_bytes.AsSpan(at, IndexRecord.Size)) is not { } record)
                {
                    Damaged = true;
                    break;
                }
                Records[Count++] = record;
            }
            NextPosition = position + (long)Count * IndexRecord.Size;
            AtEnd = Damaged || read < want || NextPosition + IndexRecord.Size > fileLength;
            return this;
        }
    }
}
