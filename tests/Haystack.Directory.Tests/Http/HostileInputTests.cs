using Haystack.Directory.Tests.Support;
using Haystack.Testing;

namespace Haystack.Directory.Tests.Http;

/// <summary>
/// Issue 15, item 5: malformed and hostile requests over a bare socket (<see cref="HostileRequests"/>) get no 5xx,
/// reserve no photo key, reach no store, and leave the directory answering ordinary requests.
/// </summary>
public sealed class HostileInputTests
{
    [Fact]
    public async Task Hostile_requests_get_no_5xx_store_nothing_and_leave_the_directory_serving()
    {
        await using var stores = await StoreGroup.StartAsync(2);
        await using var directory = await TestDirectory.StartAsync(stores.All);
        var keysBefore = directory.Server.Keys.Issued;
        var volumesBefore = await Task.WhenAll(stores.All.Select(store => store.Http.GetStringAsync(new Uri(store.Url, "volumes"))));
        var failures = new List<string>();

        foreach (var (path, method) in new[] { ("/upload", "POST"), ("/1,10badcafe", "DELETE"), ("/dir/report", "POST") })
        {
            foreach (var (name, bytes) in HostileRequests.For(path, method))
            {
                var status = await HostileRequests.SendAsync(directory.Server.HttpAddress, bytes);
                if (HostileRequests.IsServerFailure(status))
                {
                    failures.Add($"{method} {path}, {name}: {status}");
                }
            }
        }

        Assert.Empty(failures);
        // Ambiguous framing (Content-Length with chunked) is refused before the uploader runs, so no key is reserved.
        Assert.Equal(keysBefore, directory.Server.Keys.Issued);
        Assert.Equal(volumesBefore, await Task.WhenAll(stores.All.Select(store => store.Http.GetStringAsync(new Uri(store.Url, "volumes")))));
        var uploaded = await directory.UploadOkAsync(Bytes.Photo(3000, 15));
        Assert.False(string.IsNullOrEmpty(uploaded.GetProperty("id").GetString()));
    }
}
