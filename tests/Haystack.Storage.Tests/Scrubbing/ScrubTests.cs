using Haystack.Storage.Format;
using Haystack.Testing;

namespace Haystack.Storage.Tests.Scrubbing;

public sealed class ScrubTests : IDisposable
{
    private static readonly VolumeId VolumeId = new(31);
    private static readonly Func<int, CancellationToken, ValueTask> NoThrottle = (_, _) => ValueTask.CompletedTask;
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private VolumePaths Paths => new(_directory.Path, VolumeId);

    private async Task<List<NeedleLocation>> WriteAndCloseAsync(int count, int length = 3000)
    {
        await using var volume = Volume.Create(_directory.Path, VolumeId, TestData.SmallOptions);
        var locations = new List<NeedleLocation>();
        for (var i = 0; i < count; i++)
        {
            locations.Add(await volume.WriteAsync(new NeedleId((ulong)i + 1, 0), 100, TestData.Bytes(length, i), "image/jpeg"));
        }
        return locations;
    }

    private static async Task<List<ScrubStep>> ScrubWholeAsync(Volume volume, long stepBytes = 1L << 30)
    {
        var steps = new List<ScrubStep>();
        long offset = 0;
        while (true)
        {
            var step = await volume.ScrubAsync(offset, stepBytes, NoThrottle);
            steps.Add(step);
            if (step.ReachedEnd)
            {
                return steps;
            }
            offset = step.To;
        }
    }

    [Fact]
    public async Task A_scrub_of_a_sound_volume_checks_every_live_needle_and_finds_nothing()
    {
        await WriteAndCloseAsync(20);
        await using var volume = Volume.Open(_directory.Path, VolumeId, TestData.SmallOptions);
        await volume.DeleteAsync(new NeedleId(3, 0));

        var steps = await ScrubWholeAsync(volume, stepBytes: 8192);

        Assert.True(steps.Count > 1);
        Assert.Equal(19, steps.Sum(s => s.NeedlesChecked));
        Assert.Empty(steps.SelectMany(s => s.Findings));
    }

    [Fact]
    public async Task Flipped_bytes_in_data_and_header_are_found_with_needle_id_and_offset()
    {
        var locations = await WriteAndCloseAsync(20);
        VolumeFiles.FlipByte(Paths.Data, locations[4].Offset + 40 + 100); // data
        VolumeFiles.FlipByte(Paths.Data, locations[11].Offset + 10); // header (key)
        VolumeFiles.FlipByte(Paths.Data, locations[19].Offset + locations[19].Length - 8); // footer checksum area

        await using var volume = Volume.Open(_directory.Path, VolumeId, TestData.SmallOptions);
        var findings = (await ScrubWholeAsync(volume, stepBytes: 20_000)).SelectMany(s => s.Findings).ToList();

        Assert.Equal([new NeedleId(5, 0), new NeedleId(12, 0), new NeedleId(20, 0)], findings.Select(f => f.Id));
        Assert.Equal([locations[4].Offset, locations[11].Offset, locations[19].Offset], findings.Select(f => f.Offset));
        Assert.All(findings, f => Assert.False(f.Missing));
        Assert.Contains("checksum", findings[0].Problem);
    }

    [Fact]
    public async Task An_index_record_naming_another_needles_bytes_is_found()
    {
        var locations = await WriteAndCloseAsync(3);
        // Rewrite the second put record so that it names the third needle's offset (same length): the index and the
        // data disagree although every checksum in both files holds.
        var record = new IndexRecord(new NeedleId(2, 0), (uint)(locations[2].Offset / 8), (uint)(locations[1].Length / 8), false);
        var bytes = new byte[IndexRecord.Size];
        record.WriteTo(bytes);
        VolumeFiles.WriteBytes(Paths.Index, VolumeFiles.IndexHeaderSize + IndexRecord.Size, bytes);

        await using var volume = Volume.Open(_directory.Path, VolumeId, TestData.SmallOptions);
        var finding = Assert.Single((await ScrubWholeAsync(volume)).SelectMany(s => s.Findings));

        Assert.Equal(new NeedleId(2, 0), finding.Id);
        Assert.Equal(locations[2].Offset, finding.Offset);
        Assert.Contains("belong to needle", finding.Problem);
    }

    [Fact]
    public async Task Needles_past_the_end_of_a_file_cut_short_under_an_open_volume_are_missing()
    {
        var locations = await WriteAndCloseAsync(10);
        await using var volume = Volume.Open(_directory.Path, VolumeId, TestData.SmallOptions);
        LockedFile.Truncate(Paths.Data, locations[7].Offset + 100);

        var findings = (await ScrubWholeAsync(volume)).SelectMany(s => s.Findings).ToList();

        Assert.Equal([8UL, 9, 10], findings.Select(f => f.Id.Key));
        Assert.All(findings, f => Assert.True(f.Missing));
    }

    [Fact]
    public async Task The_throttle_is_asked_for_every_byte_read_before_it_is_read()
    {
        await WriteAndCloseAsync(40, length: 100_000);
        await using var volume = Volume.Open(_directory.Path, VolumeId, TestData.SmallOptions);
        long granted = 0;
        var step = await volume.ScrubAsync(0, long.MaxValue, (bytes, _) =>
        {
            granted += bytes;
            return ValueTask.CompletedTask;
        });

        Assert.True(step.ReachedEnd);
        Assert.Equal(step.BytesRead, granted);
        Assert.True(step.BytesRead >= volume.Stats.LiveBytes, $"read {step.BytesRead} of {volume.Stats.LiveBytes} live bytes");
        Assert.True(granted / Volume.ScrubReadBlockBytes <= 5, "reads are large blocks, not one per needle");
    }

    [Fact]
    public async Task A_pass_resumed_from_a_saved_checkpoint_checks_only_the_rest()
    {
        await WriteAndCloseAsync(30);
        int firstPart;
        await using (var volume = Volume.Open(_directory.Path, VolumeId, TestData.SmallOptions))
        {
            var step = await volume.ScrubAsync(0, 40_000, NoThrottle);
            firstPart = step.NeedlesChecked;
            new ScrubCheckpoint { CompactionRevision = step.CompactionRevision, Offset = step.To, PassStarted = DateTimeOffset.UtcNow }.Save(Paths);
        }

        var saved = ScrubCheckpoint.Load(Paths)!;
        await using var reopened = Volume.Open(_directory.Path, VolumeId, TestData.SmallOptions);
        var rest = await reopened.ScrubAsync(saved.Offset, long.MaxValue, NoThrottle);

        Assert.InRange(firstPart, 1, 29);
        Assert.Equal(30, firstPart + rest.NeedlesChecked);
        Assert.True(rest.ReachedEnd);
        Assert.False(File.Exists(Paths.ScrubCheckpoint + ".tmp"));
    }

    [Fact]
    public void A_damaged_checkpoint_file_reads_as_none_so_the_scrub_starts_over()
    {
        File.WriteAllText(Paths.ScrubCheckpoint, "{\"offset\": 12");
        Assert.Null(ScrubCheckpoint.Load(Paths));
    }
}
