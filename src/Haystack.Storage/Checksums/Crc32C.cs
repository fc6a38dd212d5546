using System.Buffers.Binary;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Haystack.Storage.Checksums;

/// <summary>
/// CRC-32C (Castagnoli), the checksum of needles, superblocks and index records. Uses the CPU's CRC32
/// instruction (SSE4.2 or ARMv8) when present, a lookup table otherwise; both give identical results.
/// </summary>
public static class Crc32C
{
    private const uint ReflectedPolynomial = 0x82F63B78;
    private static readonly uint[] Table = BuildTable();

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
