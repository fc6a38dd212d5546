using Haystack.Directory.Tests.Support;
using Haystack.Testing;

namespace Haystack.Directory.Tests.Http;

/// <summary>
/// Issue 15, item 5: malformed and hostile requests over a bare socket (<see cref="HostileRequests"/>) get no 5xx,
/// reach no store, and leave the directory answering ordinary requests.
/// </summary>
public sealed class HostileInputTests
{
    [Fact]
    public async Task Hostile_requests_get_no_5xx_store_nothing_and_leave_the_directory_serving()
    {
        await using var stores = await StoreGroup.StartAsync(2);
        await using var directory = await TestDirectory.StartAsync(stores.All);
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
        // Photo keys are not counted: a request HTTP's framing rules accept (chunked overrides Content-Length) reaches
        // the uploader and may reserve a key before a later check refuses it; an unused key costs nothing (a restart
        // skips a whole reserved block anyway). What must not change is what the stores hold.
        Assert.Equal(volumesBefore, await Task.WhenAll(stores.All.Select(store => store.Http.GetStringAsync(new Uri(store.Url, "volumes")))));
        var uploaded = await directory.UploadOkAsync(Bytes.Photo(3000, 15));
        Assert.False(string.IsNullOrEmpty(uploaded.GetProperty("id").GetString()));
    }
}
