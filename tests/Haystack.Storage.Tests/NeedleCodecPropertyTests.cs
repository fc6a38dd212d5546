using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;
using Haystack.Storage.Checksums;
using Haystack.Storage.Format;

namespace Haystack.Storage.Tests;

/// <summary>
/// Issue 15, item 5: the needle decoder (<see cref="NeedleCodec.Verify(ReadOnlySpan{byte}, out NeedleHeader)"/>, which
/// reads, scrubs, repairs and scans all go through) on valid, random, lying, bit-flipped and cut bytes. It never throws;
/// what it accepts always has a matching header and data checksum; the only damage it cannot see is in the bytes no
/// checksum covers (the padding, and the deleted flag a delete rewrites in place). Inputs are built from FsCheck's own
/// arbitraries (numbers, byte arrays) so a failure shrinks to a short array and small numbers.
/// </summary>
public sealed class NeedleCodecPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    [Fact]
    public void A_valid_needle_decodes_to_what_was_written()
    {
        Prop.ForAll<ulong, uint, Tuple<uint, byte, byte[]>>((key, alternateKey, rest) =>
        {
            var (cookie, contentTypeLength, data) = rest;
            var contentType = ContentType(contentTypeLength);
            var needle = Encode(new NeedleId(key, alternateKey), cookie, contentType, data);

            Assert.Null(NeedleCodec.Verify(needle, new NeedleId(key, alternateKey), needle.Length, out var header));
            Assert.Equal(new NeedleHeader(cookie, new NeedleId(key, alternateKey), data.Length, contentTypeLength, NeedleFlags.None), header);
            Assert.Equal(contentType, NeedleCodec.ContentType(needle, header));
            Assert.Equal(data, needle.AsSpan(NeedleCodec.DataOffset(header), data.Length).ToArray());
            Assert.Equal(NeedleChecksum.Compute(contentType, data), NeedleCodec.StoredChecksum(needle, header));
        }).Check(Runs);
    }

    [Fact]
    public void Random_bytes_are_refused_without_throwing()
    {
        Prop.ForAll<byte[], bool>((bytes, withMagic) =>
        {
            if (withMagic && bytes.Length >= 4)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes, NeedleLayout.HeaderMagic);
            }
            Assert.NotNull(NeedleCodec.Verify(bytes, out _));
        }).Check(Runs);
    }

    [Fact]
    public void A_header_with_a_right_checksum_and_wrong_fields_is_refused_or_sound()
    {
        // Random lengths, flags and reserved bytes under a header checksum that matches them: past the checksum, only
        // the decoder's own range checks stand between a hostile header and the slicing of the body.
        Prop.ForAll<Tuple<int, byte, byte, ushort>, byte[]>((fields, tail) =>
        {
            var (dataLength, contentTypeLength, flags, reserved) = fields;
            var bytes = new byte[NeedleLayout.HeaderSize + tail.Length];
            new NeedleHeader(1, new NeedleId(2, 0), dataLength, contentTypeLength, (NeedleFlags)flags).WriteTo(bytes);
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(NeedleLayout.ReservedOffset), reserved);
            tail.CopyTo(bytes, NeedleLayout.HeaderSize);

            AssertRefusedOrSound(bytes);
        }).Check(Runs);
    }

    [Fact]
    public void A_flipped_bit_is_refused_unless_it_is_in_the_padding_or_the_deleted_flag()
    {
        Prop.ForAll<byte[], byte, NonNegativeInt>((data, contentTypeLength, position) =>
        {
            var original = Encode(new NeedleId(7, 1), 0xC0FFEE, ContentType(contentTypeLength), data);
            var bit = position.Get % (original.Length * 8);
            var flipped = (byte[])original.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));

            var problem = NeedleCodec.Verify(flipped, out var header);
            var unseen = bit / 8 >= original.Length - Padding(original) || bit == NeedleLayout.FlagsOffset * 8;
            Assert.True(problem is not null || unseen, $"bit {bit} of {original.Length * 8} flipped and the needle was still accepted");
            if (problem is null)
            {
                Assert.Equal(NeedleCodec.Body(original, header).ToArray(), NeedleCodec.Body(flipped, header).ToArray());
            }
        }).Check(Runs);
    }

    [Fact]
    public void A_needle_cut_anywhere_is_refused()
    {
        Prop.ForAll<byte[], byte, NonNegativeInt>((data, contentTypeLength, cut) =>
        {
            var needle = Encode(new NeedleId(7, 1), 0xC0FFEE, ContentType(contentTypeLength), data);
            var kept = needle.AsSpan(0, cut.Get % needle.Length);

            Assert.NotNull(NeedleCodec.Verify(kept, out _));
        }).Check(Runs);
    }

    /// <summary>Either a problem, or a needle whose header fields are in range and whose data matches its checksum.</summary>
    private static void AssertRefusedOrSound(byte[] bytes)
    {
        if (NeedleCodec.Verify(bytes, out var header) is not null)
        {
            return;
        }
        Assert.InRange(header.DataLength, 0, NeedleLayout.MaxDataLength);
        Assert.InRange(header.TotalLength, NeedleLayout.HeaderSize, bytes.Length);
        Assert.Equal(Crc32C.Compute(NeedleCodec.Body(bytes, header)), NeedleCodec.StoredChecksum(bytes, header));
    }

    private static byte[] Encode(NeedleId id, uint cookie, string? contentType, byte[] data) =>
        [.. EncodedNeedle.Create(id, cookie, contentType, data).Segments.SelectMany(segment => segment.ToArray())];

    /// <summary>A printable content type of the given length, none for 0 (the format holds up to 255 characters).</summary>
    private static string? ContentType(byte length) => length == 0 ? null : new string('t', length);

    private static int Padding(byte[] needle)
    {
        NeedleCodec.Verify(needle, out var header);
        return needle.Length - (NeedleCodec.DataOffset(header) + header.DataLength + NeedleLayout.FooterSize);
    }
}
