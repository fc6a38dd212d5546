using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Haystack.Store.Tests.Support;
using Haystack.Testing;

namespace Haystack.Store.Tests.Http;

public sealed class NeedleHttpTests : IAsyncLifetime
{
    private TestStore _store = null!;

    public async Task InitializeAsync() => _store = await TestStore.StartAsync(volumes: [1, 2]);

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private HttpClient Http => _store.Http;

    private async Task<HttpResponseMessage> PutAsync(string photoId, byte[] data, string? contentType = "image/jpeg")
    {
        var content = new ByteArrayContent(data);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        return await Http.PutAsync($"/{photoId}", content);
    }

    [Fact]
    public async Task A_written_photo_reads_back_with_its_content_type_length_and_etag()
    {
        var data = Bytes.Random(5000, 1);

        var put = await PutAsync("1,abc12345678", data, "image/png");
        var get = await Http.GetAsync("/1,abc12345678");

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        var written = await put.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("1,abc12345678", written.GetProperty("photo_id").GetString());
        Assert.Equal(5000, written.GetProperty("size").GetInt32());
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(data, await get.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", get.Content.Headers.ContentType?.MediaType);
        Assert.Equal(5000, get.Content.Headers.ContentLength);
        Assert.Equal(put.Headers.ETag, get.Headers.ETag);
        Assert.Equal($"\"{written.GetProperty("etag").GetString()}\"", get.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task Post_writes_like_put_and_a_photo_without_content_type_reads_as_octet_stream()
    {
        var post = await Http.PostAsync("/1,5deadbeef", new ByteArrayContent([1, 2, 3]));
        var get = await Http.GetAsync("/1,5deadbeef");

        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        Assert.Equal([1, 2, 3], await get.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/octet-stream", get.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Alternate_keys_are_separate_photos()
    {
        await PutAsync("1,700000001", [1]);
        await PutAsync("1,700000001_2", [2]);

        Assert.Equal([1], await Http.GetByteArrayAsync("/1,700000001"));
        Assert.Equal([2], await Http.GetByteArrayAsync("/1,700000001_2"));
    }

    [Fact]
    public async Task Writing_again_replaces_the_photo_and_its_etag()
    {
        var first = await PutAsync("1,900000009", [1, 1]);
        var second = await PutAsync("1,900000009", [2, 2]);

        var get = await Http.GetAsync("/1,900000009");
        Assert.Equal([2, 2], await get.Content.ReadAsByteArrayAsync());
        Assert.NotEqual(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal(second.Headers.ETag, get.Headers.ETag);
    }

    [Fact]
    public async Task Head_gives_the_headers_of_a_get_without_the_bytes()
    {
        var put = await PutAsync("1,4400000111", Bytes.Random(70_000, 4), "image/webp");

        var head = await Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/1,4400000111"));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(70_000, head.Content.Headers.ContentLength);
        Assert.Equal("image/webp", head.Content.Headers.ContentType?.MediaType);
        Assert.Equal(put.Headers.ETag, head.Headers.ETag);
        Assert.Equal("bytes", Assert.Single(head.Headers.AcceptRanges));
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_etag_is_the_stored_checksum_so_the_same_bytes_under_another_content_type_differ()
    {
        var data = Bytes.Random(3000, 5);

        var png = await PutAsync("1,2200000222", data, "image/png");
        var jpeg = await PutAsync("1,3300000333", data, "image/jpeg");
        var get = await Http.GetAsync("/1,2200000222");

        Assert.NotEqual(png.Headers.ETag, jpeg.Headers.ETag);
        Assert.Equal(png.Headers.ETag, get.Headers.ETag);
        Assert.Equal(
            $"\"{Haystack.Storage.Checksums.NeedleChecksum.Compute("image/png", data):x8}\"", get.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task If_none_match_with_the_current_etag_gives_304_without_a_body()
    {
        var put = await PutAsync("1,1100000011", Bytes.Random(100, 2));
        var request = new HttpRequestMessage(HttpMethod.Get, "/1,1100000011");
        request.Headers.IfNoneMatch.Add(put.Headers.ETag!);

        var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task If_none_match_with_another_etag_gives_the_photo()
    {
        await PutAsync("1,1200000012", [9, 9, 9]);
        var request = new HttpRequestMessage(HttpMethod.Get, "/1,1200000012");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"00000000\""));

        var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([9, 9, 9], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_range_gives_206_with_those_bytes_and_their_content_range()
    {
        var data = Bytes.Random(1000, 3);
        await PutAsync("1,1300000013", data);
        var request = new HttpRequestMessage(HttpMethod.Get, "/1,1300000013");
        request.Headers.Range = new RangeHeaderValue(100, 199);

        var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(data[100..200], await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("bytes 100-199/1000", response.Content.Headers.ContentRange?.ToString());
    }

    [Fact]
    public async Task If_none_match_star_gives_304_for_a_photo_that_exists()
    {
        await PutAsync("1,1110000011", [1]);
        var request = new HttpRequestMessage(HttpMethod.Get, "/1,1110000011");
        request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Any);

        Assert.Equal(HttpStatusCode.NotModified, (await Http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Several_ranges_in_one_request_are_served_whole()
    {
        var data = Bytes.Random(1000, 7);
        await PutAsync("1,1310000013", data);
        var request = new HttpRequestMessage(HttpMethod.Get, "/1,1310000013");
        request.Headers.Range = new RangeHeaderValue(0, 9);
        request.Headers.Range.Ranges.Add(new RangeItemHeaderValue(20, 29));

        var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(data, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_suffix_range_gives_the_last_bytes()
    {
        var data = Bytes.Random(1000, 4);
        await PutAsync("1,1400000014", data);
        var request = new HttpRequestMessage(HttpMethod.Get, "/1,1400000014");
        request.Headers.Range = new RangeHeaderValue(null, 10);

        var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(data[990..], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_range_beyond_the_end_gives_416_with_the_length()
    {
        await PutAsync("1,1500000015", new byte[100]);
        var request = new HttpRequestMessage(HttpMethod.Get, "/1,1500000015");
        request.Headers.Range = new RangeHeaderValue(500, 600);

        var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal("bytes */100", response.Content.Headers.ContentRange?.ToString());
    }

    [Fact]
    public async Task Head_gives_the_headers_of_get_without_the_body()
    {
        var put = await PutAsync("1,1600000016", Bytes.Random(321, 5), "image/gif");

        var response = await Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/1,1600000016"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(321, response.Content.Headers.ContentLength);
        Assert.Equal("image/gif", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(put.Headers.ETag, response.Headers.ETag);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_wrong_cookie_gets_the_same_404_as_an_id_that_was_never_written()
    {
        await PutAsync("1,17deadbeef", [1, 2, 3]);

        var wrongCookie = await Http.GetAsync("/1,17deadbeee");
        var neverWritten = await Http.GetAsync("/1,18deadbeef");

        var wrongCookieError = await HttpAssert.ErrorAsync(wrongCookie, HttpStatusCode.NotFound);
        var neverWrittenError = await HttpAssert.ErrorAsync(neverWritten, HttpStatusCode.NotFound);
        Assert.Equal(neverWrittenError.Replace("1,18deadbeef", "ID"), wrongCookieError.Replace("1,17deadbeee", "ID"));
        Assert.DoesNotContain("cookie", wrongCookieError, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Delete_removes_the_photo_and_a_second_delete_is_404()
    {
        await PutAsync("1,19deadbeef", [1]);

        var delete = await Http.DeleteAsync("/1,19deadbeef");
        var get = await Http.GetAsync("/1,19deadbeef");
        var again = await Http.DeleteAsync("/1,19deadbeef");

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        await HttpAssert.ErrorAsync(get, HttpStatusCode.NotFound);
        await HttpAssert.ErrorAsync(again, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_with_a_wrong_cookie_is_404_and_leaves_the_photo()
    {
        await PutAsync("1,20deadbeef", [4, 2]);

        var delete = await Http.DeleteAsync("/1,20deadbee0");

        await HttpAssert.ErrorAsync(delete, HttpStatusCode.NotFound);
        Assert.Equal([4, 2], await Http.GetByteArrayAsync("/1,20deadbeef"));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task A_malformed_id_is_400_with_the_reason(string method)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), "/1,nothex!!!") { Content = new ByteArrayContent([1]) };

        var error = await HttpAssert.ErrorAsync(await Http.SendAsync(request), HttpStatusCode.BadRequest);

        Assert.Contains("1,nothex!!!", error);
        Assert.Contains("hex", error);
    }

    [Fact]
    public async Task A_volume_this_store_does_not_hold_is_404_naming_it()
    {
        var put = await PutAsync("77,1deadbeef", [1]);
        var get = await Http.GetAsync("/77,1deadbeef");

        Assert.Contains("Volume 77", await HttpAssert.ErrorAsync(put, HttpStatusCode.NotFound));
        Assert.Contains("Volume 77", await HttpAssert.ErrorAsync(get, HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task An_empty_body_is_400_and_nothing_is_stored()
    {
        var put = await PutAsync("1,21deadbeef", []);

        Assert.Contains("no data", await HttpAssert.ErrorAsync(put, HttpStatusCode.BadRequest));
        await HttpAssert.ErrorAsync(await Http.GetAsync("/1,21deadbeef"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_body_over_the_needle_limit_is_413_and_nothing_is_stored()
    {
        var put = await PutAsync("1,22deadbeef", new byte[TestStore.MaxNeedleBytes + 1]);

        var error = await HttpAssert.ErrorAsync(put, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains(TestStore.MaxNeedleBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), error);
        await HttpAssert.ErrorAsync(await Http.GetAsync("/1,22deadbeef"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_body_of_exactly_the_needle_limit_is_stored()
    {
        var data = Bytes.Random(TestStore.MaxNeedleBytes, 6);

        var put = await PutAsync("1,23deadbeef", data);

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(data, await Http.GetByteArrayAsync("/1,23deadbeef"));
    }

    [Fact]
    public async Task A_chunked_upload_without_content_length_is_411()
    {
        var content = new StreamContent(new MemoryStream([1, 2, 3]));
        var request = new HttpRequestMessage(HttpMethod.Put, "/1,24deadbeef") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await Http.SendAsync(request);

        Assert.Contains("Content-Length", await HttpAssert.ErrorAsync(response, HttpStatusCode.LengthRequired));
        await HttpAssert.ErrorAsync(await Http.GetAsync("/1,24deadbeef"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_content_type_the_needle_format_cannot_hold_is_400()
    {
        var put = await PutAsync("1,25deadbeef", [1], "image/" + new string('x', 300));

        await HttpAssert.ErrorAsync(put, HttpStatusCode.BadRequest);
        await HttpAssert.ErrorAsync(await Http.GetAsync("/1,25deadbeef"), HttpStatusCode.NotFound);
    }
}
