using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Haystack.Protocol;
using V1 = Haystack.Protocol.Store.V1;

namespace Haystack.Tests.Security;

/// <summary>
/// A photo key that is live cannot be taken over by a write with another cookie (the issue's
/// <c>PUT /1,77aaaaaaaa</c> then <c>PUT /1,77bbbbbbbb</c>), over HTTP and gRPC and through the directory; the same
/// cookie still replaces it.
/// </summary>
public sealed class HijackTests : IAsyncLifetime
{
    private KeyedCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await KeyedCluster.StartAsync(withReadKey: false);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_write_with_another_cookie_is_refused_with_409_and_the_photo_stays()
    {
        using var http = KeyedCluster.Client(_cluster.Keys.Current);
        var original = PhotoId.Parse(_cluster.PhotoId);
        var hijacker = original with { Cookie = original.Cookie ^ 0x5a5a5a5a };

        using var response = await http.PutAsync(new Uri(_cluster.Store.HttpAddress, hijacker.ToString()), Body([9, 9, 9]));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(ErrorBody.CookieMismatch, error.RootElement.GetProperty("code").GetString());
        Assert.Equal(KeyedCluster.Photo, await http.GetByteArrayAsync(new Uri(_cluster.Store.HttpAddress, _cluster.PhotoId)));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(_cluster.Store.HttpAddress, hijacker.ToString()))).StatusCode);
    }

    [Fact]
    public async Task A_replacement_with_the_same_cookie_is_stored()
    {
        using var http = KeyedCluster.Client(_cluster.Keys.Current);

        using var response = await http.PutAsync(new Uri(_cluster.Store.HttpAddress, _cluster.PhotoId), Body([4, 5, 6]));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal([4, 5, 6], await http.GetByteArrayAsync(new Uri(_cluster.Store.HttpAddress, _cluster.PhotoId)));
    }

    [Fact]
    public async Task A_grpc_write_with_another_cookie_is_refused_with_already_exists()
    {
        using var channel = GrpcChannel.ForAddress(_cluster.Store.GrpcAddress);
        var store = new V1.Store.StoreClient(channel);
        var original = PhotoId.Parse(_cluster.PhotoId);
        var headers = new Metadata { { "authorization", $"Bearer {_cluster.Keys.Current}" } };

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await store.WriteAsync(new V1.WriteRequest
        {
            PhotoId = (original with { Cookie = original.Cookie + 1 }).ToString(),
            Data = Google.Protobuf.ByteString.CopyFrom(9, 9),
        }, headers));

        Assert.Equal(StatusCode.AlreadyExists, refused.StatusCode);
        var read = await store.ReadAsync(new V1.ReadRequest { PhotoId = _cluster.PhotoId }, headers);
        Assert.Equal(KeyedCluster.Photo, read.Data.ToByteArray());
    }

    [Fact]
    public async Task An_upload_to_a_taken_key_through_the_directory_is_refused_with_409_and_the_volume_stays_writable()
    {
        using var http = KeyedCluster.Client(_cluster.Keys.Current);
        var original = PhotoId.Parse(_cluster.PhotoId);

        using var response = await http.PostAsync(new Uri(_cluster.Directory.HttpAddress, $"upload?key={original.Key:x}"), Body([1, 1, 1]));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(KeyedCluster.Photo, await http.GetByteArrayAsync(new Uri(_cluster.Store.HttpAddress, _cluster.PhotoId)));
        using var stats = JsonDocument.Parse(await http.GetStringAsync(new Uri(_cluster.Directory.HttpAddress, "stats")));
        Assert.Equal(1, stats.RootElement.GetProperty("volumes").GetProperty("writable").GetInt32());
    }

    private static ByteArrayContent Body(byte[] data)
    {
        var content = new ByteArrayContent(data);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        return content;
    }
}
