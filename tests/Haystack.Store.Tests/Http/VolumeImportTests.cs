using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Haystack.Store.Tests.Support;

namespace Haystack.Store.Tests.Http;

/// <summary>Rebuilding a replica: one store streams a volume, another receives it.</summary>
public sealed class VolumeImportTests : TwoStoreTest
{
    [Fact]
    public async Task A_streamed_volume_imported_by_another_store_serves_the_same_photos()
    {
        var photo = Bytes.Random(50_000, 41);
        await WriteLiveAndDeletedPhotoAsync(photo);

        var import = await Target.Http.PutAsync("/volumes/1/stream", new ByteArrayContent(await StreamFromSourceAsync()));

        Assert.Equal(HttpStatusCode.Created, import.StatusCode);
        var status = await import.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, status.GetProperty("needle_count").GetInt64());
        Assert.Equal(photo, await Target.Http.GetByteArrayAsync("/1,1deadbeef"));
        await HttpAssert.ErrorAsync(await Target.Http.GetAsync("/1,2deadbeef"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Created, (await Target.Http.PutAsync("/1,3deadbeef", new ByteArrayContent([3]))).StatusCode);
    }

    [Fact]
    public async Task Importing_over_an_existing_volume_is_409_and_leaves_it_alone()
    {
        await Target.Http.PutAsync("/5,1deadbeef", new ByteArrayContent([5]));

        var import = await Target.Http.PutAsync("/volumes/5/stream", new ByteArrayContent(await StreamFromSourceAsync()));

        await HttpAssert.ErrorAsync(import, HttpStatusCode.Conflict);
        Assert.Equal([5], await Target.Http.GetByteArrayAsync("/5,1deadbeef"));
    }

    [Fact]
    public async Task Bytes_of_another_volume_id_are_refused_and_leave_no_files()
    {
        var import = await Target.Http.PutAsync("/volumes/2/stream", new ByteArrayContent(await StreamFromSourceAsync()));

        var error = await HttpAssert.ErrorAsync(import, HttpStatusCode.BadRequest);
        Assert.Contains("nothing was imported", error);
        Assert.Empty(Directory.GetFiles(Target.DataDirectory, "2.*"));
        await HttpAssert.ErrorAsync(await Target.Http.GetAsync("/volumes/2"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bytes_that_are_not_a_volume_are_refused()
    {
        var import = await Target.Http.PutAsync("/volumes/3/stream", new ByteArrayContent(Bytes.Random(4096, 42)));

        await HttpAssert.ErrorAsync(import, HttpStatusCode.BadRequest);
        Assert.Empty(Directory.GetFiles(Target.DataDirectory, "3.*"));
    }
}
