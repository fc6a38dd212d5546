using System.Text;
using Haystack.Storage.Checksums;

namespace Haystack.Storage.Tests;

public sealed class Crc32CTests
{
    public static TheoryData<byte[], uint> KnownVectors => new()
    {
        { Encoding.ASCII.GetBytes("123456789"), 0xE3069283 },
        { new byte[32], 0x8A9136AA },
        { Enumerable.Repeat((byte)0xFF, 32).ToArray(), 0x62A8AB43 },
        { Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(), 0x46DD794E },
        { Enumerable.Range(0, 32).Select(i => (byte)(31 - i)).ToArray(), 0x113FDB5C },
        { [], 0x00000000 },
    };

    [Theory]
    [MemberData(nameof(KnownVectors))]
    public void Matches_the_published_CRC32C_vectors(byte[] data, uint expected)
    {
        Assert.Equal(expected, Crc32C.Compute(data));
        Assert.Equal(expected, Crc32C.ComputeWithTable(data));
    }

    [Fact]
    public void The_hardware_and_table_paths_agree_on_every_length_and_alignment()
    {
        var data = TestData.Bytes(4099, 17);
        for (var start = 0; start < 9; start++)
        {
            for (var length = 0; length < 300; length += 7)
            {
                var slice = data.AsSpan(start, length);
                Assert.Equal(Crc32C.ComputeWithTable(slice), Crc32C.Compute(slice));
            }
        }
        Assert.Equal(Crc32C.ComputeWithTable(data), Crc32C.Compute(data));
    }

    [Theory]
    [InlineData(767)] // just short of three 256-byte streams
    [InlineData(768)]
    [InlineData(3 * 8192)]
    [InlineData(66_000)] // long streams, short streams and a tail
    [InlineData(131_077)]
    public void The_three_stream_path_agrees_with_the_table_across_block_boundaries(int length)
    {
        var data = TestData.Bytes(length + 3, length);
        for (var start = 0; start < 3; start++)
        {
            var slice = data.AsSpan(start, length);
            Assert.Equal(Crc32C.ComputeWithTable(slice), Crc32C.Compute(slice));
            Assert.Equal(Crc32C.ComputeWithTable(slice), Crc32C.Append(Crc32C.Compute(slice[..100]), slice[100..]));
        }
    }

    [Fact]
    public void Appending_continues_a_checksum()
    {
        var data = TestData.Bytes(1000, 3);
        Assert.Equal(Crc32C.Compute(data), Crc32C.Append(Crc32C.Compute(data.AsSpan(0, 333)), data.AsSpan(333)));
    }
}
