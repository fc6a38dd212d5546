using Haystack.Protocol;

namespace Haystack.Cache.Memory;

/// <summary>
/// Approximate recent read counts of photos in a few bytes per cached photo: a count-min sketch of four rows of
/// counters capped at 15, all halved after every <c>10 × width</c> reads so that old popularity fades.
/// Not thread-safe: <see cref="PhotoCache"/> holds its lock.
/// </summary>
internal sealed class FrequencySketch
{
    private const int Rows = 4;
    private const byte MaxCount = 15;
    private static readonly ulong[] RowSeeds = [0x9E3779B97F4A7C15UL, 0xC2B2AE3D27D4EB4FUL, 0x165667B19E3779F9UL, 0xD6E8FEB86659FD93UL];

    private readonly byte[] _counters;
    private readonly int _rowMask;
    private readonly int _sampleSize;
    private int _reads;

    public FrequencySketch(int width)
    {
        width = (int)Math.Min(1 << 22, Math.Max(64, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)width)));
        _counters = new byte[Rows * width];
        _rowMask = width - 1;
        _sampleSize = 10 * width;
    }

    public void Increment(PhotoId id)
    {
        var hash = Hash(id);
        for (var row = 0; row < Rows; row++)
        {
            ref var counter = ref _counters[Index(hash, row)];
            if (counter < MaxCount)
            {
                counter++;
            }
        }
        if (++_reads >= _sampleSize)
        {
            Halve();
        }
    }

    public int Estimate(PhotoId id)
    {
        var hash = Hash(id);
        var estimate = (int)MaxCount;
        for (var row = 0; row < Rows; row++)
        {
            estimate = Math.Min(estimate, _counters[Index(hash, row)]);
        }
        return estimate;
    }

    private void Halve()
    {
        for (var i = 0; i < _counters.Length; i++)
        {
            _counters[i] >>= 1;
        }
        _reads /= 2;
    }

    private int Index(ulong hash, int row) => (row * (_rowMask + 1)) + (int)(Mix(hash ^ RowSeeds[row]) & (uint)_rowMask);

    private static ulong Hash(PhotoId id) => Mix(id.Key ^ Mix(((ulong)id.VolumeId << 32) | id.AlternateKey) ^ ((ulong)id.Cookie << 17));

    private static ulong Mix(ulong value)
    {
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }
}
