using System.Net;
using System.Text.RegularExpressions;
using Haystack.Protocol;
using Haystack.Store;
using Haystack.Testing;
using Haystack.Tests.Support;

namespace Haystack.Tests.EndToEnd;

[Collection(ClusterCollection.Name)]
public sealed partial class ReadPathTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private LocalCluster Cluster => fixture.Cluster;

    private string DirectoryUrl => Cluster.Directory.Url.GetLeftPart(UriPartial.Authority);

    private string CacheUrl => Cluster.Cache.Url.GetLeftPart(UriPartial.Authority);

    [Fact]
    public async Task A_folder_uploaded_with_the_cli_reads_back_through_the_cache_first_as_a_miss_then_as_a_hit()
    {
        using var folder = new TemporaryDirectory();
        var sent = new Dictionary<string, byte[]>();
        for (var i = 0; i < 6; i++)
        {
            var path = folder.Combine(i % 2 == 0 ? "a" : "b", $"photo-{i}.jpg");
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            sent[path] = PhotoBytes.Create(100 + i, 2000 + (i * 700));
            await File.WriteAllBytesAsync(path, sent[path]);
        }

        var upload = await HaystackCli.RunAsync("upload", folder.Path, "--directory", DirectoryUrl, "--concurrency", "3");

        Assert.True(upload.ExitCode == 0, upload + Cluster.Logs);
        var lines = UploadLine().Matches(upload.Output);
        Assert.Equal(sent.Keys.Order(), lines.Select(line => line.Groups["path"].Value).Order());
        foreach (Match line in lines)
        {
            var url = line.Groups["url"].Value;
            Assert.StartsWith($"{CacheUrl}/{line.Groups["id"].Value}", url);
            var first = await Cluster.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal(sent[line.Groups["path"].Value], await first.Content.ReadAsByteArrayAsync());
            Assert.Equal("image/jpeg", first.Content.Headers.ContentType?.MediaType);
            Assert.Equal("MISS", first.Headers.GetValues("X-Cache").Single());
            var second = await Cluster.Http.GetAsync(url);
            Assert.Equal(sent[line.Groups["path"].Value], await second.Content.ReadAsByteArrayAsync());
            Assert.Equal("HIT", second.Headers.GetValues("X-Cache").Single());
        }

        Assert.Matches(@"│\s+6\s+│\s+6\s+│\s+0\s+│", upload.Output); // files, uploaded, failed

        var photo = lines[0];
        var target = folder.Combine("fetched.jpg");
        var get = await HaystackCli.RunAsync("get", photo.Groups["id"].Value, "--cache", CacheUrl, "-o", target);
        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.Equal(sent[photo.Groups["path"].Value], await File.ReadAllBytesAsync(target));
        Assert.Contains("X-Cache: HIT", get.Error);
    }

    [Fact]
    public async Task Upload_with_a_mapping_file_writes_path_id_and_url_per_photo_and_a_png_keeps_its_type()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.Combine("logo.png");
        await File.WriteAllBytesAsync(path, PhotoBytes.Create(55));
        var mapping = folder.Combine("ids.tsv");

        var upload = await HaystackCli.RunAsync("upload", path, "--directory", DirectoryUrl, "--mapping", mapping);

        Assert.True(upload.ExitCode == 0, upload.ToString());
        var fields = (await File.ReadAllLinesAsync(mapping)).Single().Split('\t');
        Assert.Equal(path, fields[0]);
        Assert.StartsWith($"{CacheUrl}/{fields[1]}", fields[2]);
        var response = await Cluster.Http.GetAsync(fields[2]);
        Assert.Equal(PhotoBytes.Create(55), await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_wrong_cookie_is_404_at_the_cache_and_at_every_replica_and_does_not_hide_the_photo()
    {
        var photo = await Cluster.UploadAsync(PhotoBytes.Create(7));
        var real = PhotoId.Parse(photo.Id);
        var forged = (real with { Cookie = real.Cookie ^ 0x1u }).ToString();

        Assert.Equal(HttpStatusCode.NotFound, (await Cluster.Http.GetAsync($"{CacheUrl}/{forged}")).StatusCode);
        foreach (var store in await Cluster.ReplicasOfAsync(photo.Id))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await Cluster.Http.GetAsync($"{store}/{forged}")).StatusCode);
            Assert.Equal(photo.Data, await Cluster.Http.GetByteArrayAsync($"{store}/{photo.Id}"));
        }
        Assert.Equal(photo.Data, await Cluster.Http.GetByteArrayAsync(photo.Url));
        var get = await HaystackCli.RunAsync("get", forged, "--cache", CacheUrl);
        Assert.Equal(1, get.ExitCode);
        Assert.Contains("was not found", get.Error);

        // Nor can a wrong cookie delete it.
        var delete = await HaystackCli.RunAsync("delete", forged, "--directory", DirectoryUrl);
        Assert.Equal(1, delete.ExitCode);
        Assert.Equal(photo.Data, await Cluster.Http.GetByteArrayAsync(photo.Url));
    }

    [Fact]
    public async Task A_deleted_photo_is_404_at_every_replica_and_at_the_cache_that_had_it()
    {
        var photo = await Cluster.UploadAsync(PhotoBytes.Create(8));
        Assert.Equal(photo.Data, await Cluster.Http.GetByteArrayAsync(photo.Url));
        var cached = await Cluster.Http.GetAsync(photo.Url);
        Assert.Equal("HIT", cached.Headers.GetValues("X-Cache").Single());
        var replicas = await Cluster.ReplicasOfAsync(photo.Id);
        Assert.Equal(3, replicas.Count);

        var delete = await HaystackCli.RunAsync("delete", photo.Id, "--directory", DirectoryUrl);

        Assert.True(delete.ExitCode == 0, delete + Cluster.Logs);
        Assert.Contains($"deleted {photo.Id}", delete.Output);
        Assert.Equal(HttpStatusCode.NotFound, (await Cluster.Http.GetAsync(photo.Url)).StatusCode);
        foreach (var store in replicas)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await Cluster.Http.GetAsync($"{store}/{photo.Id}")).StatusCode);
        }
        var again = await HaystackCli.RunAsync("delete", photo.Id, "--directory", DirectoryUrl);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("was not found on any replica", again.Error);
    }

    [Fact]
    public async Task Volumes_stats_and_locate_describe_the_running_cluster()
    {
        var photo = await Cluster.UploadAsync(PhotoBytes.Create(9, 5000));
        var volume = PhotoId.Parse(photo.Id).VolumeId;

        var volumes = await HaystackCli.RunAsync("volumes", "--directory", DirectoryUrl);
        Assert.True(volumes.ExitCode == 0, volumes.ToString());
        Assert.Contains("writable", volumes.Output);
        Assert.Matches($@"│\s+{volume}\s+│", volumes.Output);

        var stats = await HaystackCli.RunAsync("stats", "--url", CacheUrl, "--url", DirectoryUrl);
        Assert.True(stats.ExitCode == 0, stats.ToString());
        Assert.Contains("hits", stats.Output);
        Assert.Contains($"{CacheUrl}/stats", stats.Output);

        var locate = await HaystackCli.RunAsync("locate", photo.Id, "--directory", DirectoryUrl, "--data", Cluster.DataPath);
        Assert.True(locate.ExitCode == 0, locate.ToString());
        Assert.Contains($"volume {volume} (writable)", locate.Output);
        foreach (var store in await Cluster.ReplicasOfAsync(photo.Id))
        {
            Assert.Matches($@"{Regex.Escape(store)}\S*\s+│ yes", locate.Output);
        }
        Assert.Equal(3, Regex.Matches(locate.Output, $@"{volume}\.dat: offset \d+, \d+ bytes on disk, 5000 bytes of data").Count);
    }

    [GeneratedRegex(@"^(?<path>.+) -> (?<id>\S+) (?<url>\S+)$", RegexOptions.Multiline)]
    private static partial Regex UploadLine();
}
