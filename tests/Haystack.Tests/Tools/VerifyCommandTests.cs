using Haystack.Protocol;
using Haystack.Store;
using Haystack.Testing;
using Haystack.Tests.Support;

namespace Haystack.Tests.Tools;

public sealed class VerifyCommandTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task A_healthy_volume_passes_with_every_needle_checked_and_a_consistent_index()
    {
        var volume = await TestVolume.CreateAsync(_directory.Path);

        var result = await HaystackCli.RunAsync("verify", volume.DataFile);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"{volume.Written.Count} needles checked: {volume.Written.Count} good", result.Output);
        Assert.Contains("0 corrupt", result.Output);
        Assert.Contains("consistent with the data file", result.Output);
    }

    [Fact]
    public async Task A_flipped_data_byte_fails_naming_the_needle_and_its_offset_and_the_others_still_check()
    {
        var volume = await TestVolume.CreateAsync(_directory.Path);
        var (id, cookie, data, location) = volume.Written[3];
        await FlipByteAsync(volume.DataFile, location.Offset + 32 + "image/jpeg".Length + (data.Length / 2));

        var result = await HaystackCli.RunAsync("verify", volume.DataFile);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"CORRUPT needle {new PhotoId(TestVolume.Id, id.Key, id.AlternateKey, cookie)} at offset {location.Offset}", result.Output);
        Assert.Contains("data checksum mismatch", result.Output);
        Assert.Contains($"{volume.Written.Count - 1} good", result.Output);
        Assert.Contains("1 corrupt needle(s)", result.Error);
    }

    [Fact]
    public async Task A_damaged_header_fails_and_says_the_rest_cannot_be_read()
    {
        var volume = await TestVolume.CreateAsync(_directory.Path);
        var damaged = volume.Written[4].Location.Offset;
        await FlipByteAsync(volume.DataFile, damaged + 9); // inside the key, covered by the header checksum

        var result = await HaystackCli.RunAsync("verify", volume.DataFile);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"CORRUPT at offset {damaged}: header checksum mismatch", result.Output);
        Assert.Contains("cannot be read", result.Output);
    }

    [Fact]
    public async Task A_missing_index_is_reported_as_advice_not_as_corruption()
    {
        var volume = await TestVolume.CreateAsync(_directory.Path);
        File.Delete(volume.IndexFile);

        var result = await HaystackCli.RunAsync("verify", volume.DataFile);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("is missing", result.Output);
        Assert.Contains("restore-index", result.Output);
    }

    private static async Task FlipByteAsync(string path, long offset)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Position = offset;
        var value = file.ReadByte();
        file.Position = offset;
        file.WriteByte((byte)(value ^ 0x5A));
    }

    public void Dispose() => _directory.Dispose();
}
