using Haystack.Directory.Tests.Support;
using Haystack.Testing;

namespace Haystack.Directory.Tests.Http;

/// <summary>
/// Request smuggling (docs/security.md): a body two parsers could frame two ways gets 400 before any endpoint runs, so
/// an upload framed that way reserves no photo key and reaches no store.
/// </summary>
public sealed class RequestFramingTests
{
    [Fact]
    public async Task Ambiguously_framed_uploads_get_400_reserve_no_key_and_reach_no_store()
    {
        await using var stores = await StoreGroup.StartAsync(1);
        await using var directory = await TestDirectory.StartAsync(stores.All);
        var keysBefore = directory.Server.Keys.Issued;
        var failures = new List<string>();

        foreach (var (path, method) in new[] { ("/upload", "POST"), ("/1,10badcafe", "DELETE") })
        {
            failures.AddRange(await HostileRequests.AmbiguousFramingFailuresAsync(directory.Server.HttpAddress, path, method));
        }

        Assert.Empty(failures);
        Assert.Equal(keysBefore, directory.Server.Keys.Issued);
    }
}
