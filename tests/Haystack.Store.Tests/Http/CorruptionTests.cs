using System.Diagnostics.Metrics;
using System.Net;
using Haystack.Store.Tests.Support;
using Haystack.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Haystack.Store.Tests.Http;

public sealed class CorruptionTests
{
    [Fact]
    public async Task A_needle_with_flipped_bytes_on_disk_is_a_500_with_an_error_body_and_counted_never_served()
    {
        var directory = Directory.CreateTempSubdirectory("haystack-store-test-").FullName;
        var damaged = Bytes.Random(4000, 11);
        try
        {
            await using (var first = await TestStore.StartAsync(dataDirectory: directory))
            {
                await first.Http.PutAsync("/1,1deadbeef", new ByteArrayContent(damaged));
                await first.Http.PutAsync("/1,2deadbeef", new ByteArrayContent([5, 5, 5]));
            }
            Bytes.FlipInFile(new Haystack.Storage.VolumePaths(directory, new Haystack.Storage.VolumeId(1)).Data, damaged, 2000);

            await using var store = await TestStore.StartAsync(dataDirectory: directory);
            using var corruptNeedles = new CounterListener(store.Server.Services.GetRequiredService<IMeterFactory>(), "haystack.store.corrupt_needles");
            var response = await store.Http.GetAsync("/1,1deadbeef");

            var error = await HttpAssert.ErrorAsync(response, HttpStatusCode.InternalServerError);
            Assert.Contains("1,1deadbeef", error);
            Assert.Contains("another replica", error);
            Assert.Equal(1, (await StoreStatsReader.ReadAsync(store.Http)).GetProperty("corrupt_reads").GetInt64());
            Assert.Equal(1, corruptNeedles.Total);
            Assert.Equal([5, 5, 5], await store.Http.GetByteArrayAsync("/1,2deadbeef"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
