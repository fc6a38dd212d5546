using System.Text.Json;
using Haystack.Protocol;
using Haystack.Storage;
using Haystack.Store;
using Haystack.Testing;
using Haystack.Tests.Support;

namespace Haystack.Tests.Tools;

public sealed class DumpCommandTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task Lists_every_needle_with_the_offset_and_size_the_engine_wrote_and_its_state()
    {
        var volume = await TestVolume.CreateAsync(_directory.Path);

        var result = await HaystackCli.RunAsync("dump", volume.DataFile, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(volume.Written.Count, lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var (id, cookie, data, location) = volume.Written[i];
            Assert.Equal(location.Offset, lines[i].GetProperty("offset").GetInt64());
            Assert.Equal(location.Length, lines[i].GetProperty("size").GetInt64());
            Assert.Equal(data.Length, lines[i].GetProperty("data_bytes").GetInt32());
            Assert.Equal(new PhotoId(TestVolume.Id, id.Key, id.AlternateKey, cookie).ToString(), lines[i].GetProperty("photo_id").GetString());
            Assert.Equal("image/jpeg", lines[i].GetProperty("content_type").GetString());
        }
        var states = lines.Select(line => line.GetProperty("state").GetString()).ToList();
        // Keys 1..5, then key 2 again: the first key 2 is superseded, key 3 was deleted in place.
        Assert.Equal(["live", "superseded", "deleted", "live", "live", "live"], states);
    }

    [Fact]
    public async Task Table_output_names_the_volume_and_sums_up_the_states()
    {
        var volume = await TestVolume.CreateAsync(_directory.Path);

        var result = await HaystackCli.RunAsync("dump", volume.DataFile);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"volume {TestVolume.Id}", result.Output);
        Assert.Contains("replicas 3", result.Output);
        Assert.Contains("6 needles: 4 live", result.Output);
        Assert.Contains("1 deleted, 1 superseded", result.Output);
    }

    [Fact]
    public async Task Reads_a_volume_that_a_running_store_holds_locked_without_changing_it()
    {
        var built = await TestVolume.CreateAsync(_directory.Path);
        var before = await File.ReadAllBytesAsync(built.DataFile);
        CliResult result;
        await using (Volume.Open(_directory.Path, new VolumeId(TestVolume.Id)))
        {
            result = await HaystackCli.RunAsync("dump", built.DataFile); // the engine holds an exclusive lock meanwhile
        }

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("6 needles", result.Output);
        Assert.Equal(before, await File.ReadAllBytesAsync(built.DataFile));
    }

    [Fact]
    public async Task A_missing_or_misnamed_file_is_a_usage_error_that_says_what_to_pass()
    {
        var missing = await HaystackCli.RunAsync("dump", _directory.Combine("9.dat"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("does not exist", missing.Error);

        var misnamed = _directory.Combine("photos.bin");
        await File.WriteAllTextAsync(misnamed, "not a volume");
        var wrongName = await HaystackCli.RunAsync("dump", misnamed);
        Assert.Equal(2, wrongName.ExitCode);
        Assert.Contains("<volume id>.dat", wrongName.Error);

        var notVolume = _directory.Combine("4.dat");
        await File.WriteAllTextAsync(notVolume, new string('z', 100));
        var garbage = await HaystackCli.RunAsync("dump", notVolume);
        Assert.Equal(1, garbage.ExitCode);
        Assert.Contains("not a Haystack volume file", garbage.Error);
    }

    public void Dispose() => _directory.Dispose();
}
