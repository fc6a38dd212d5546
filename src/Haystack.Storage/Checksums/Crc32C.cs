using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Haystack.Storage.Checksums;

/// <summary>
/// CRC-32C (Castagnoli), the checksum of needles, superblocks and index records. Uses the CPU's CRC32
/// instruction (SSE4.2 or ARMv8) when present, a lookup table otherwise; all give identical results.
/// </summary>
/// <remarks>
/// Every read is verified, so this sits on the GET path. The x64 instruction takes three cycles but can start one per
/// cycle, so long inputs run as three independent streams over adjacent blocks whose results are then joined: a
/// stream's state is carried past the next block with <see cref="ZeroShift"/>, the linear map that appending that many
/// zero bytes applies to a CRC state. This is the method of Intel's and Mark Adler's crc32c implementations.
/// </remarks>
public static class Crc32C
{
    private const uint ReflectedPolynomial = 0x82F63B78;
    private const int LongBlock = 8192;
    private const int ShortBlock = 256;
    private static readonly uint[] Table = BuildTable();
    private static readonly ZeroShift LongShift = new(LongBlock);
    private static readonly ZeroShift ShortShift = new(ShortBlock);

    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>Continues a checksum over more bytes: Append(Compute(a), b) == Compute(a + b).</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        var state = ~crc;
        if (Sse42.X64.IsSupported)
        {
            state = UpdateSse42(state, data);
        }
        else if (Crc32.Arm64.IsSupported)
        {
            state = UpdateArm64(state, data);
        }
        else
        {
            state = UpdateTable(state, data);
        }
        return ~state;
    }

    /// <summary>The portable path, visible to tests so they can hold the hardware path to it.</summary>
    internal static uint ComputeWithTable(ReadOnlySpan<byte> data) => ~UpdateTable(~0u, data);

    private static uint UpdateSse42(uint state, ReadOnlySpan<byte> data)
    {
        ulong wide = state;
        while (data.Length >= 3 * LongBlock)
        {
            wide = UpdateThreeStreams(wide, data, LongBlock, LongShift);
            data = data[(3 * LongBlock)..];
        }
        while (data.Length >= 3 * ShortBlock)
        {
            wide = UpdateThreeStreams(wide, data, ShortBlock, ShortShift);
            data = data[(3 * ShortBlock)..];
        }
        while (data.Length >= sizeof(ulong))
        {
            wide = Sse42.X64.Crc32(wide, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[sizeof(ulong)..];
        }
        state = (uint)wide;
        foreach (var b in data)
        {
            state = Sse42.Crc32(state, b);
        }
        return state;
    }

    /// <summary>Consumes 3 x <paramref name="block"/> bytes as three interleaved streams, then joins them.</summary>
    private static ulong UpdateThreeStreams(ulong first, ReadOnlySpan<byte> data, int block, ZeroShift shift)
    {
        ulong second = 0;
        ulong third = 0;
        ref var start = ref MemoryMarshal.GetReference(data[..(3 * block)]);
        for (var i = 0; i < block; i += sizeof(ulong))
        {
            first = Sse42.X64.Crc32(first, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i)));
            second = Sse42.X64.Crc32(second, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i + block)));
            third = Sse42.X64.Crc32(third, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i + (2 * block))));
        }
        var joined = shift.Apply((uint)first) ^ (uint)second;
        return shift.Apply(joined) ^ (uint)third;
    }

    private static uint UpdateArm64(uint state, ReadOnlySpan<byte> data)
    {
        while (data.Length >= sizeof(ulong))
        {
            state = Crc32.Arm64.ComputeCrc32C(state, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[sizeof(ulong)..];
        }
        foreach (var b in data)
        {
            state = Crc32.ComputeCrc32C(state, b);
        }
        return state;
    }

    private static uint UpdateTable(uint state, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            state = Table[(byte)(state ^ b)] ^ (state >> 8);
        }
        return state;
    }

    /// <summary>
    /// The effect of <c>length</c> zero bytes on a raw CRC state, as four byte-indexed tables. The map is linear over
    /// GF(2), so its value on each of the 32 single-bit states (found by running the table update) determines it.
    /// </summary>
    private sealed class ZeroShift
    {
        private readonly uint[] _tables = new uint[4 * 256];

        public ZeroShift(int length)
        {
            var ofBit = new uint[32];
            for (var bit = 0; bit < 32; bit++)
            {
                var state = 1u << bit;
                for (var i = 0; i < length; i++)
                {
                    state = Table[(byte)state] ^ (state >> 8);
                }
                ofBit[bit] = state;
            }
            for (var lane = 0; lane < 4; lane++)
            {
                for (var value = 0; value < 256; value++)
                {
                    uint shifted = 0;
                    for (var bit = 0; bit < 8; bit++)
                    {
                        if ((value & (1 << bit)) != 0)
                        {
                            shifted ^= ofBit[(lane * 8) + bit];
                        }
                    }
                    _tables[(lane * 256) + value] = shifted;
                }
            }
        }

        public uint Apply(uint state) =>
            _tables[(byte)state] ^ _tables[256 + (byte)(state >> 8)] ^ _tables[512 + (byte)(state >> 16)] ^ _tables[768 + (state >> 24)];
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < table.Length; i++)
        {
            var entry = i;
            for (var bit = 0; bit < 8; bit++)
            {
                entry = (entry & 1) != 0 ? (entry >> 1) ^ ReflectedPolynomial : entry >> 1;
            }
            table[i] = entry;
        }
        return table;
    }
}
