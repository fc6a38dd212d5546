using System.Net;
using Haystack.Store.Tests.Support;
using Haystack.Testing;

namespace Haystack.Store.Tests.Http;

public sealed class VolumeFullTests
{
    [Fact]
    public async Task A_write_past_the_volume_size_limit_is_507_and_the_volume_keeps_serving()
    {
        await using var store = await TestStore.StartAsync(configure: options => options with
        {
            Volume = options.Volume with { SizeLimitBytes = 8192, PreallocationStepBytes = 0 },
        });
        var first = Bytes.Random(5000, 51);

        var fits = await store.Http.PutAsync("/1,1deadbeef", new ByteArrayContent(first));
        var full = await store.Http.PutAsync("/1,2deadbeef", new ByteArrayContent(new byte[5000]));

        Assert.Equal(HttpStatusCode.Created, fits.StatusCode);
        Assert.Contains("Volume 1 is full", await HttpAssert.ErrorAsync(full, HttpStatusCode.InsufficientStorage));
        Assert.Equal(first, await store.Http.GetByteArrayAsync("/1,1deadbeef"));
        await HttpAssert.ErrorAsync(await store.Http.GetAsync("/1,2deadbeef"), HttpStatusCode.NotFound);
    }
}
