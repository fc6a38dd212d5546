using Haystack.Storage.Format;
using Haystack.Storage.Inspection;
using Haystack.Testing;

namespace Haystack.Storage.Tests;

public sealed class VolumeFileInspectorTests : IDisposable
{
    private static readonly VolumeId VolumeId = new(31);
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private VolumePaths Paths => new(_directory.Path, VolumeId);

    /// <summary>Keys 1..4, key 2 overwritten, key 3 deleted: every state a needle can be in.</summary>
    private async Task<List<(NeedleId Id, uint Cookie, byte[] Data, string? ContentType, NeedleLocation Location)>> WriteVolumeAsync()
    {
        var written = new List<(NeedleId, uint, byte[], string?, NeedleLocation)>();
        await using var volume = Volume.Create(_directory.Path, VolumeId, TestData.SmallOptions with { ReplicaCount = 3 });
        foreach (var (key, alternateKey, contentType) in new[] { (1UL, 0U, "image/jpeg"), (2UL, 7U, null), (3UL, 0U, "image/png"), (4UL, 300U, "image/jpeg"), (2UL, 7U, "image/webp") })
        {
            var data = TestData.Bytes(100 + (int)key * 37, (int)key);
            var cookie = (uint)(key * 1000 + alternateKey);
            var location = await volume.WriteAsync(new NeedleId(key, alternateKey), cookie, data, contentType);
            written.Add((new NeedleId(key, alternateKey), cookie, data, contentType, location));
        }
        await volume.DeleteAsync(new NeedleId(3, 0));
        return written;
    }

    [Fact]
    public async Task Reads_the_superblock_the_engine_wrote()
    {
        await WriteVolumeAsync();

        using var inspector = VolumeFileInspector.Open(Paths.Data);

        Assert.Equal(VolumeId, inspector.Superblock.VolumeId);
        Assert.Equal(1, inspector.Superblock.FormatVersion);
        Assert.Equal(3, inspector.Superblock.ReplicaCount);
        Assert.Equal(0u, inspector.Superblock.CompactionRevision);
        Assert.InRange(inspector.Superblock.CreatedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal(VolumeFiles.Length(Paths.Data), inspector.Length);
    }

    [Fact]
    public async Task The_superblock_shows_the_compaction_revision_after_a_compaction()
    {
        await WriteVolumeAsync();
        await using (var volume = Volume.Open(_directory.Path, VolumeId, TestData.SmallOptions))
        {
            await volume.CompactAsync();
        }

        using var inspector = VolumeFileInspector.Open(Paths.Data);

        Assert.Equal(1u, inspector.Superblock.CompactionRevision);
        Assert.Equal(3, inspector.ScanNeedles().Count()); // keys 1, 4 and the newest 2
        Assert.True(inspector.CheckIndex().IsConsistent);
    }

    [Fact]
    public async Task Enumerates_every_needle_with_the_location_id_cookie_flags_and_content_type_the_engine_wrote()
    {
        var written = await WriteVolumeAsync();

        using var inspector = VolumeFileInspector.Open(Paths.Data);
        var scan = inspector.ScanNeedles();
        var needles = scan.ToList();

        Assert.Null(scan.UnreadableTail);
        Assert.Equal(written.Count, needles.Count);
        for (var i = 0; i < written.Count; i++)
        {
            var (id, cookie, data, contentType, location) = written[i];
            Assert.Equal(location, needles[i].Location);
            Assert.Equal(id, needles[i].Id);
            Assert.Equal(cookie, needles[i].Cookie);
            Assert.Equal(data.Length, needles[i].DataLength);
            Assert.Equal(contentType, needles[i].ContentType);
            Assert.True(needles[i].IsIntact, needles[i].Problem);
            Assert.Equal(id == new NeedleId(3, 0), needles[i].IsDeleted);
        }
        Assert.Equal(inspector.Length, needles[^1].Location.Offset + needles[^1].Location.Length);
    }

    [Fact]
    public async Task Reads_a_volume_a_store_holds_open_without_a_lock_and_never_changes_its_files()
    {
        var written = await WriteVolumeAsync();
        var data = await File.ReadAllBytesAsync(Paths.Data);
        var index = await File.ReadAllBytesAsync(Paths.Index);

        await using (Volume.Open(_directory.Path, VolumeId, TestData.SmallOptions))
        {
            using var inspector = VolumeFileInspector.Open(Paths.Data);
            Assert.Equal(written.Count, inspector.ScanNeedles().Count());
            Assert.True(inspector.CheckIndex().IsConsistent);
        }
        using (VolumeFileInspector.Open(Paths.Data))
        {
            // An inspector holds no lock either, so a Store can open the volume meanwhile.
            await using var volume = Volume.Open(_directory.Path, VolumeId, TestData.SmallOptions);
            Assert.Equal(3, volume.Stats.NeedleCount);
        }

        Assert.Equal(data, await File.ReadAllBytesAsync(Paths.Data));
        Assert.Equal(index, await File.ReadAllBytesAsync(Paths.Index));
    }

    [Fact]
    public async Task A_flipped_data_byte_is_reported_on_that_needle_and_the_scan_goes_on()
    {
        var written = await WriteVolumeAsync();
        var damaged = written[1].Location;
        VolumeFiles.FlipByte(Paths.Data, damaged.Offset + NeedleLayout.HeaderSize + 50);

        using var inspector = VolumeFileInspector.Open(Paths.Data);
        var scan = inspector.ScanNeedles();
        var needles = scan.ToList();

        Assert.Null(scan.UnreadableTail);
        Assert.Equal(written.Count, needles.Count);
        Assert.Equal(damaged, needles[1].Location);
        Assert.False(needles[1].IsIntact);
        Assert.Contains("data checksum mismatch", needles[1].Problem);
        Assert.All(needles.Where((_, i) => i != 1), needle => Assert.True(needle.IsIntact));
    }

    [Fact]
    public async Task A_damaged_footer_is_reported_on_that_needle()
    {
        var written = await WriteVolumeAsync();
        var (_, _, data, contentType, location) = written[0];
        VolumeFiles.FlipByte(Paths.Data, location.Offset + NeedleLayout.HeaderSize + contentType!.Length + data.Length);

        using var inspector = VolumeFileInspector.Open(Paths.Data);

        Assert.Contains("footer", inspector.ScanNeedles().First().Problem);
    }

    [Fact]
    public async Task A_torn_tail_ends_the_scan_and_is_reported_with_its_offset_and_length()
    {
        var written = await WriteVolumeAsync();
        var last = written[^1].Location;
        VolumeFiles.Truncate(Paths.Data, last.Offset + last.Length - 8);

        using var inspector = VolumeFileInspector.Open(Paths.Data);
        var scan = inspector.ScanNeedles();
        var needles = scan.ToList();

        Assert.Equal(written.Count - 1, needles.Count);
        Assert.NotNull(scan.UnreadableTail);
        Assert.Equal(last.Offset, scan.UnreadableTail.Offset);
        Assert.Equal(last.Length - 8, scan.UnreadableTail.Length);
        Assert.Contains("runs past the end", scan.UnreadableTail.Problem);
        Assert.Equal(last.Offset + last.Length - 8, VolumeFiles.Length(Paths.Data)); // inspection cut nothing
    }

    [Fact]
    public async Task A_damaged_header_ends_the_scan_there()
    {
        var written = await WriteVolumeAsync();
        var damaged = written[2].Location;
        VolumeFiles.FlipByte(Paths.Data, damaged.Offset + 9);

        using var inspector = VolumeFileInspector.Open(Paths.Data);
        var scan = inspector.ScanNeedles();

        Assert.Equal(2, scan.Count());
        Assert.Equal(damaged.Offset, scan.UnreadableTail!.Offset);
        Assert.Equal(inspector.Length - damaged.Offset, scan.UnreadableTail.Length);
        Assert.Contains("header checksum mismatch", scan.UnreadableTail.Problem);
    }

    [Fact]
    public async Task A_file_that_is_not_a_volume_is_refused_naming_the_file()
    {
        var path = Path.Combine(_directory.Path, "5.dat");
        await File.WriteAllTextAsync(path, new string('z', 100));

        var error = Assert.Throws<VolumeFormatException>(() => VolumeFileInspector.Open(path));

        Assert.Equal(path, error.Path);
        Assert.Contains("not a Haystack volume file", error.Message);
        Assert.Throws<FileNotFoundException>(() => VolumeFileInspector.Open(Path.Combine(_directory.Path, "6.dat")));
    }

    [Fact]
    public async Task The_index_the_engine_wrote_is_consistent_with_its_data_file()
    {
        var written = await WriteVolumeAsync();

        using var inspector = VolumeFileInspector.Open(Paths.Data);
        var check = inspector.CheckIndex();

        Assert.True(check.IsConsistent, check.Problem);
        Assert.True(check.Exists);
        Assert.Equal(Paths.Index, check.Path);
        Assert.Equal(written.Count + 1, check.ValidRecords); // the puts and one tombstone
        Assert.Equal(0, check.UnindexedBytes);
    }

    [Fact]
    public async Task A_missing_index_is_reported_with_every_needle_unindexed()
    {
        await WriteVolumeAsync();
        File.Delete(Paths.Index);

        using var inspector = VolumeFileInspector.Open(Paths.Data);
        var check = inspector.CheckIndex();

        Assert.False(check.Exists);
        Assert.Contains("missing", check.Problem);
        Assert.Equal(inspector.Length - VolumeFiles.SuperblockSize, check.UnindexedBytes);
    }

    [Fact]
    public async Task A_damaged_record_is_reported_with_the_records_before_it()
    {
        await WriteVolumeAsync();
        VolumeFiles.FlipByte(Paths.Index, VolumeFiles.IndexHeaderSize + (2 * VolumeFiles.IndexRecordSize) + 3);

        using var inspector = VolumeFileInspector.Open(Paths.Data);
        var check = inspector.CheckIndex();

        Assert.False(check.IsConsistent);
        Assert.Equal(2, check.ValidRecords);
        Assert.Contains("record 2 has a bad checksum", check.Problem);
    }

    [Fact]
    public async Task A_record_naming_a_needle_the_data_file_does_not_hold_there_is_reported()
    {
        var written = await WriteVolumeAsync();
        var wrong = written[1].Location;
        var record = new byte[IndexRecord.Size];
        new IndexRecord(new NeedleId(99, 0), (uint)(wrong.Offset / 8), (uint)(wrong.Length / 8), false).WriteTo(record);
        VolumeFiles.WriteBytes(Paths.Index, VolumeFiles.IndexHeaderSize + IndexRecord.Size, record);

        using var inspector = VolumeFileInspector.Open(Paths.Data);
        var check = inspector.CheckIndex();

        Assert.Equal(1, check.ValidRecords);
        Assert.Contains("put record 1 names needle 63/0", check.Problem);
        Assert.Contains($"holds needle {new NeedleId(2, 7)}", check.Problem);
    }

    [Fact]
    public async Task An_index_of_another_compaction_revision_is_reported()
    {
        await WriteVolumeAsync();
        var stale = await File.ReadAllBytesAsync(Paths.Index);
        await using (var volume = Volume.Open(_directory.Path, VolumeId, TestData.SmallOptions))
        {
            await volume.CompactAsync();
        }
        await File.WriteAllBytesAsync(Paths.Index, stale);

        using var inspector = VolumeFileInspector.Open(Paths.Data);

        Assert.Contains("compaction revision 0, the data from 1", inspector.CheckIndex().Problem);
    }
}
