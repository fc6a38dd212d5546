using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Haystack.Directory.Tests.Support;

namespace Haystack.Directory.Tests.Http;

/// <summary>Every malformed request gets a 4xx whose message says what is wrong, and nothing reaches a store.</summary>
public sealed class BadInputTests
{
    [Fact]
    public async Task Malformed_uploads_and_reports_are_refused_with_a_reason_and_store_nothing()
    {
        await using var stores = await StoreGroup.StartAsync(2);
        await using var directory = await TestDirectory.StartAsync(stores.All, o => o with { MaxUploadBytes = 1_000 });
        var keysBefore = directory.Server.Keys.Issued;

        await AssertRefusedAsync(await directory.UploadAsync([]), HttpStatusCode.BadRequest, "empty");
        await AssertRefusedAsync(await directory.UploadAsync(new byte[1_001]), HttpStatusCode.RequestEntityTooLarge, "1000 bytes");
        await AssertRefusedAsync(await directory.UploadAsync(new byte[10], query: "?key=xyz"), HttpStatusCode.BadRequest, "'xyz'");
        await AssertRefusedAsync(await directory.UploadAsync(new byte[10], query: "?key=11112222333344445"), HttpStatusCode.BadRequest, "16 hex digits");
        await AssertRefusedAsync(await directory.UploadAsync(new byte[10], query: "?alt=-1"), HttpStatusCode.BadRequest, "'-1'");
        await AssertRefusedAsync(await directory.UploadAsync(new byte[10], contentType: "image/\u0001"), HttpStatusCode.BadRequest, "printable ASCII");
        await AssertRefusedAsync(await directory.UploadAsync(new byte[10], contentType: "image/" + new string('j', 300)), HttpStatusCode.BadRequest, "at most 255");
        await AssertRefusedAsync(await ChunkedUploadAsync(directory, new byte[1_500]), HttpStatusCode.RequestEntityTooLarge, "1000 bytes");
        using (var noFile = new MultipartFormDataContent { { new StringContent("x"), "comment" } })
        {
            await AssertRefusedAsync(await directory.Http.PostAsync("/upload", noFile), HttpStatusCode.BadRequest, "no file");
        }

        await AssertRefusedAsync(await ReportAsync(directory, "{not json"), HttpStatusCode.BadRequest, "not JSON");
        await AssertRefusedAsync(await ReportAsync(directory, "{\"id\": \"1,100000000\"}"), HttpStatusCode.BadRequest, "\"store\"");
        var store = stores[0].Url.ToString();
        await AssertRefusedAsync(await ReportAsync(directory, $"{{\"id\": \"1,100000000\", \"store\": \"{store}\", \"problem\": \"slow\"}}"), HttpStatusCode.BadRequest, "'slow'");
        await AssertRefusedAsync(await ReportAsync(directory, $"{{\"id\": \"x\", \"store\": \"{store}\", \"problem\": \"corrupt\"}}"), HttpStatusCode.BadRequest, "'x'");
        await AssertRefusedAsync(await ReportAsync(directory, "{\"id\": \"1,100000000\", \"store\": \"http://127.0.0.1:1\", \"problem\": \"corrupt\"}"), HttpStatusCode.BadRequest, "no replica of volume 1");
        await AssertRefusedAsync(await ReportAsync(directory, $"{{\"id\": \"900,100000000\", \"store\": \"{store}\", \"problem\": \"corrupt\"}}"), HttpStatusCode.NotFound, "Volume 900");
        await AssertRefusedAsync(await directory.Http.PostAsync("/volumes/x/readonly", null), HttpStatusCode.BadRequest, "'x'");

        Assert.All(directory.Server.Table.List(), v => Assert.Equal(Haystack.Directory.Volumes.VolumeState.Writable, v.State));
        foreach (var s in stores.All)
        {
            var listing = await s.Http.GetFromJsonAsync<JsonElement>(new Uri(s.Url, "volumes"));
            Assert.All(listing.GetProperty("volumes").EnumerateArray(), v => Assert.Equal(0, v.GetProperty("needle_count").GetInt64()));
        }
        var stats = await directory.GetJsonAsync("/stats");
        Assert.Equal(0, stats.GetProperty("uploads").GetInt64());
        Assert.True(stats.GetProperty("rejected").GetInt64() >= 15);
        Assert.Equal(keysBefore, directory.Server.Keys.Issued); // refused uploads reserve no key
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode expected, string mentions)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
            Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
            Assert.Contains(mentions, JsonDocument.Parse(body).RootElement.GetProperty("error").GetString() is { } error ? error : body);
        }
    }

    private static Task<HttpResponseMessage> ReportAsync(TestDirectory directory, string json) =>
        directory.Http.PostAsync("/dir/report", new StringContent(json, Encoding.UTF8, "application/json"));

    private static Task<HttpResponseMessage> ChunkedUploadAsync(TestDirectory directory, byte[] data)
    {
        var content = new StreamContent(new MemoryStream(data));
        var request = new HttpRequestMessage(HttpMethod.Post, "/upload") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        return directory.Http.SendAsync(request);
    }
}
