using System.Net;
using Haystack.Store.Tests.Support;
using Haystack.Testing;

namespace Haystack.Store.Tests;

public sealed class StoreRestartTests
{
    [Fact]
    public async Task Photos_volumes_and_read_only_state_survive_a_restart()
    {
        var directory = Directory.CreateTempSubdirectory("haystack-store-test-").FullName;
        var photo = Bytes.Random(10_000, 31);
        try
        {
            await using (var first = await TestStore.StartAsync(volumes: [1, 2], dataDirectory: directory))
            {
                await first.Http.PutAsync("/1,1deadbeef", new ByteArrayContent(photo));
                await first.Http.PutAsync("/2,2deadbeef", new ByteArrayContent([2]));
                await first.Http.PostAsync("/volumes/2/readonly", null);
            }

            await using var second = await TestStore.StartAsync(volumes: [], dataDirectory: directory);

            Assert.Equal(photo, await second.Http.GetByteArrayAsync("/1,1deadbeef"));
            Assert.Equal([2], await second.Http.GetByteArrayAsync("/2,2deadbeef"));
            await HttpAssert.ErrorAsync(await second.Http.PutAsync("/2,3deadbeef", new ByteArrayContent([3])), HttpStatusCode.Conflict);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
