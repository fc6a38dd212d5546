using Haystack.Testing;

namespace Haystack.Storage.Tests;

public sealed class CorruptionTests : IDisposable
{
    private static readonly VolumeId VolumeId = new(21);
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private VolumePaths Paths => new(_directory.Path, VolumeId);

    private async Task<NeedleLocation> WriteOneAndCloseAsync(byte[] data)
    {
        await using var volume = Volume.Create(_directory.Path, VolumeId, TestData.SmallOptions);
        await volume.WriteAsync(new NeedleId(1, 0), 100, TestData.Bytes(64, 1));
        var location = await volume.WriteAsync(new NeedleId(2, 0), 200, data, "image/png");
        await volume.WriteAsync(new NeedleId(3, 0), 300, TestData.Bytes(64, 3));
        return location;
    }

    [Theory]
    [InlineData(40, "data checksum")]
    [InlineData(10, "header checksum")]
    [InlineData(33, "data checksum")]
    public async Task A_flipped_byte_in_a_needle_is_reported_as_corruption_naming_volume_needle_and_offset(int offsetInNeedle, string reason)
    {
        var location = await WriteOneAndCloseAsync(TestData.Bytes(500, 2));
        VolumeFiles.FlipByte(Paths.Data, location.Offset + offsetInNeedle);

        await using var volume = Volume.Open(_directory.Path, VolumeId, TestData.SmallOptions);
        var error = await Assert.ThrowsAsync<NeedleCorruptException>(() => volume.ReadAsync(new NeedleId(2, 0), 200).AsTask());

        Assert.Equal(VolumeId, error.VolumeId);
        Assert.Equal(new NeedleId(2, 0), error.NeedleId);
        Assert.Equal(location.Offset, error.Offset);
        Assert.Equal(Paths.Data, error.Path);
        Assert.Contains(reason, error.Reason);
        Assert.NotNull(await volume.ReadAsync(new NeedleId(3, 0), 300));
    }

    [Fact]
    public async Task A_damaged_footer_is_reported_as_corruption()
    {
        var location = await WriteOneAndCloseAsync(TestData.Bytes(500, 2));
        var footer = 32 + "image/png".Length + 500;
        VolumeFiles.FlipByte(Paths.Data, location.Offset + footer);

        await using var volume = Volume.Open(_directory.Path, VolumeId, TestData.SmallOptions);
        var error = await Assert.ThrowsAsync<NeedleCorruptException>(() => volume.ReadAsync(new NeedleId(2, 0), 200).AsTask());
        Assert.Contains("footer", error.Reason);
    }

    /// <summary>
    /// Every single-byte flip anywhere in a needle ends in one of three ways: a corruption error, not
    /// found (the flip set the deleted flag), or the original data (the flip hit padding). Never other data.
    /// </summary>
    [Fact]
    public async Task No_single_byte_flip_anywhere_in_a_needle_ever_returns_wrong_data()
    {
        var data = TestData.Bytes(37, 2);
        var location = await WriteOneAndCloseAsync(data);
        var outcomes = new Dictionary<string, int>();
        for (var position = 0; position < location.Length; position++)
        {
            VolumeFiles.FlipByte(Paths.Data, location.Offset + position);
            await using (var volume = Volume.Open(_directory.Path, VolumeId, TestData.SmallOptions))
            {
                string outcome;
                try
                {
                    var needle = await volume.ReadAsync(new NeedleId(2, 0), 200);
                    outcome = needle is null ? "not found" : "intact";
                    if (needle is not null)
                    {
                        Assert.Equal(data, needle.Data.ToArray());
                        Assert.Equal("image/png", needle.ContentType);
                    }
                }
                catch (NeedleCorruptException)
                {
                    outcome = "corrupt";
                }
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            }
            VolumeFiles.FlipByte(Paths.Data, location.Offset + position);
        }
        var padding = location.Length - (32 + "image/png".Length + data.Length + 8);
        Assert.Equal(padding, outcomes.GetValueOrDefault("intact"));
        Assert.Equal(location.Length - padding - outcomes.GetValueOrDefault("not found"), outcomes["corrupt"]);
    }

    [Fact]
    public async Task A_flipped_byte_in_the_index_never_serves_wrong_data()
    {
        await WriteOneAndCloseAsync(TestData.Bytes(500, 2));
        for (var position = 0; position < 3 * VolumeFiles.IndexRecordSize; position++)
        {
            var offset = VolumeFiles.IndexHeaderSize + position;
            VolumeFiles.FlipByte(Paths.Index, offset);
            await using (var volume = Volume.Open(_directory.Path, VolumeId, TestData.SmallOptions))
            {
                Assert.Equal(TestData.Bytes(64, 1), (await volume.ReadAsync(new NeedleId(1, 0), 100))!.Data.ToArray());
                Assert.Equal(TestData.Bytes(500, 2), (await volume.ReadAsync(new NeedleId(2, 0), 200))!.Data.ToArray());
                Assert.Equal(TestData.Bytes(64, 3), (await volume.ReadAsync(new NeedleId(3, 0), 300))!.Data.ToArray());
            }
            // Recovery rewrote the index; start each round from a freshly damaged copy of a good one.
            File.Delete(Paths.Index);
            await using (Volume.Open(_directory.Path, VolumeId, TestData.SmallOptions))
            {
            }
        }
    }

    [Fact]
    public async Task Enumeration_stops_at_a_corrupt_needle_with_its_offset()
    {
        var location = await WriteOneAndCloseAsync(TestData.Bytes(500, 2));
        VolumeFiles.FlipByte(Paths.Data, location.Offset + 100);

        await using var volume = Volume.Open(_directory.Path, VolumeId, TestData.SmallOptions);
        var error = Assert.Throws<NeedleCorruptException>(() => volume.EnumerateNeedles().ToList());
        Assert.Equal(location.Offset, error.Offset);
    }
}
