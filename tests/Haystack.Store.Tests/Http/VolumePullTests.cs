using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Haystack.Storage;
using Haystack.Storage.Inspection;
using Haystack.Store.Tests.Support;
using Haystack.Testing;

namespace Haystack.Store.Tests.Http;

/// <summary>The store side of a rebuild: a new replica pulls a volume from a healthy peer and verifies it before serving it.</summary>
public sealed class VolumePullTests : TwoStoreTest
{
    private Task<HttpResponseMessage> PullAsync(uint volumeId) =>
        Target.Http.PostAsync($"/volumes/{volumeId}/pull?from={Uri.EscapeDataString(Source.Server.HttpAddress.ToString())}", null);

    /// <summary>Whatever an import left in the store's staging directory.</summary>
    private string[] StagedFiles()
    {
        var staging = Path.Combine(Target.DataDirectory, "importing");
        return Directory.Exists(staging) ? Directory.GetFileSystemEntries(staging, "*", SearchOption.AllDirectories) : [];
    }

    [Fact]
    public async Task A_pulled_replica_is_byte_identical_to_its_source_and_serves_its_photos()
    {
        var photo = Bytes.Random(70_000, 51);
        await WriteLiveAndDeletedPhotoAsync(photo);

        var pull = await PullAsync(1);

        Assert.True(pull.StatusCode == HttpStatusCode.Created, await pull.Content.ReadAsStringAsync());
        Assert.Equal(1, (await pull.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("needle_count").GetInt64());
        Assert.Equal(await StreamFromSourceAsync(), await Target.Http.GetByteArrayAsync("/volumes/1/stream"));
        Assert.Equal(photo, await Target.Http.GetByteArrayAsync("/1,1deadbeef"));
        await HttpAssert.ErrorAsync(await Target.Http.GetAsync("/1,2deadbeef"), HttpStatusCode.NotFound);
        using var inspector = VolumeFileInspector.Open(Target.DataFile(1));
        Assert.True(inspector.CheckIndex().IsConsistent);
        Assert.Empty(StagedFiles());
    }

    [Fact]
    public async Task A_read_only_source_gives_a_read_only_replica()
    {
        await Source.Http.PutAsync("/1,1deadbeef", new ByteArrayContent([1, 2, 3]));
        await Source.Http.PostAsync("/volumes/1/readonly", null);

        Assert.Equal(HttpStatusCode.Created, (await PullAsync(1)).StatusCode);

        var status = await Target.Http.GetFromJsonAsync<JsonElement>("/volumes/1");
        Assert.True(status.GetProperty("read_only").GetBoolean());
    }

    [Fact]
    public async Task A_source_with_a_corrupt_needle_is_refused_with_502_naming_the_needle_and_nothing_is_served()
    {
        var damaged = Bytes.Random(9000, 52);
        await Source.Http.PutAsync("/1,1deadbeef", new ByteArrayContent([1]));
        await Source.Http.PutAsync("/1,abcdeadbeef", new ByteArrayContent(damaged));
        var directory = Source.DataDirectory;
        await Source.StopAsync();
        Bytes.FlipInFile(new VolumePaths(directory, new VolumeId(1)).Data, damaged, 4500);
        await using var damagedSource = await TestStore.StartAsync(dataDirectory: directory);

        var pull = await Target.Http.PostAsync($"/volumes/1/pull?from={damagedSource.Server.HttpAddress}", null);

        var error = await HttpAssert.ErrorAsync(pull, HttpStatusCode.BadGateway);
        Assert.Contains("failed verification", error);
        Assert.Contains("fails its checks", error);
        await HttpAssert.ErrorAsync(await Target.Http.GetAsync("/volumes/1"), HttpStatusCode.NotFound);
        Assert.Empty(Directory.GetFiles(Target.DataDirectory, "1.*"));
        Assert.Empty(StagedFiles());
    }

    [Fact]
    public async Task An_uploaded_copy_with_a_flipped_byte_is_refused_with_400_and_leaves_no_files()
    {
        var photo = Bytes.Random(9000, 53);
        await Source.Http.PutAsync("/1,1deadbeef", new ByteArrayContent(photo));
        var copy = await StreamFromSourceAsync();
        var at = copy.AsSpan().IndexOf(photo);
        copy[at + 100] ^= 0xff;

        var error = await HttpAssert.ErrorAsync(await Target.Http.PutAsync("/volumes/1/stream", new ByteArrayContent(copy)), HttpStatusCode.BadRequest);

        Assert.Contains("needle", error);
        Assert.Empty(Directory.GetFiles(Target.DataDirectory, "1.*"));
    }

    [Fact]
    public async Task Pulling_a_volume_the_target_holds_is_409_and_a_missing_source_volume_is_502()
    {
        await HttpAssert.ErrorAsync(await Target.Http.PostAsync($"/volumes/5/pull?from={Source.Server.HttpAddress}", null), HttpStatusCode.Conflict);

        var error = await HttpAssert.ErrorAsync(await PullAsync(9), HttpStatusCode.BadGateway);

        Assert.Contains("404", error);
        Assert.Empty(Directory.GetFiles(Target.DataDirectory, "9.*"));
    }

    [Fact]
    public async Task A_pull_without_a_usable_from_is_400()
    {
        await HttpAssert.ErrorAsync(await Target.Http.PostAsync("/volumes/1/pull", null), HttpStatusCode.BadRequest);
        await HttpAssert.ErrorAsync(await Target.Http.PostAsync("/volumes/1/pull?from=file:///etc/passwd", null), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_deleted_volume_leaves_no_files_and_can_be_pulled_again()
    {
        await Source.Http.PutAsync("/1,1deadbeef", new ByteArrayContent([7]));
        await PullAsync(1);

        Assert.Equal(HttpStatusCode.NoContent, (await Target.Http.DeleteAsync("/volumes/1")).StatusCode);

        Assert.Empty(Directory.GetFiles(Target.DataDirectory, "1.*"));
        await HttpAssert.ErrorAsync(await Target.Http.GetAsync("/volumes/1"), HttpStatusCode.NotFound);
        await HttpAssert.ErrorAsync(await Target.Http.DeleteAsync("/volumes/1"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Created, (await PullAsync(1)).StatusCode);
        Assert.Equal([7], await Target.Http.GetByteArrayAsync("/1,1deadbeef"));
    }

    [Fact]
    public async Task Between_stores_guarded_by_a_key_the_pull_presents_it_to_the_peer()
    {
        var keys = new Haystack.Protocol.AccessKeys(Haystack.Protocol.AccessKeys.Generate());
        await using var source = await TestStore.StartAsync(volumes: [1], configure: o => o with { Keys = keys });
        await using var target = await TestStore.StartAsync(volumes: [5], configure: o => o with { Keys = keys });
        source.Http.DefaultRequestHeaders.Authorization = new("Bearer", keys.Current);
        target.Http.DefaultRequestHeaders.Authorization = new("Bearer", keys.Current);
        var photo = Bytes.Random(5000, 53);
        await source.Http.PutAsync("/1,1deadbeef", new ByteArrayContent(photo));

        var pull = await target.Http.PostAsync($"/volumes/1/pull?from={Uri.EscapeDataString(source.Server.HttpAddress.ToString())}", null);

        Assert.True(pull.StatusCode == HttpStatusCode.Created, await pull.Content.ReadAsStringAsync());
        Assert.Equal(photo, await target.Http.GetByteArrayAsync("/1,1deadbeef"));
    }
}
