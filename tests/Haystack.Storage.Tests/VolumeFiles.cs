using System.Buffers.Binary;

namespace Haystack.Storage.Tests;

/// <summary>Byte-level surgery on a closed volume's files, to stage crashes and damage.</summary>
public static class VolumeFiles
{
    public const int SuperblockSize = 64;
    public const int IndexHeaderSize = 32;
    public const int IndexRecordSize = 24;
    public const int NeedleFlagsOffset = 25;

    public static void FlipByte(string path, long offset)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Position = offset;
        var value = file.ReadByte();
        file.Position = offset;
        file.WriteByte((byte)(value ^ 0x5A));
    }

    public static void WriteBytes(string path, long offset, ReadOnlySpan<byte> bytes)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Position = offset;
        file.Write(bytes);
    }

    public static void Append(string path, ReadOnlySpan<byte> bytes)
    {
        using var file = new FileStream(path, FileMode.Append, FileAccess.Write);
        file.Write(bytes);
    }

    public static void Truncate(string path, long length)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.SetLength(length);
    }

    public static long Length(string path) => new FileInfo(path).Length;

    public static void WriteUInt16(string path, long offset, ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        WriteBytes(path, offset, bytes);
    }
}
