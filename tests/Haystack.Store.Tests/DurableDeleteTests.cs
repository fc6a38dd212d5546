using System.Net;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Haystack.Protocol.Store.V1;
using Haystack.Store.Tests.Support;
using Haystack.Testing;
using V1 = Haystack.Protocol.Store.V1;

namespace Haystack.Store.Tests;

/// <summary>
/// A real Store server whose data-file fdatasync the test holds: a DELETE (HTTP or gRPC) is not answered before
/// the flush covering it returns, a GET of the photo meanwhile still gets it (a crash now could bring it back, so
/// no reader is told it is gone), afterwards it is 404; a failed flush fails the delete and the photo stays served.
/// </summary>
public sealed class DurableDeleteTests : IDisposable
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly HeldFlush _flush = new();

    public void Dispose() => _flush.Dispose();

    [Fact]
    public async Task An_http_delete_is_answered_only_after_its_fdatasync_and_a_get_meanwhile_still_gets_the_photo()
    {
        await using var store = await StartAsync();
        var photo = Bytes.Random(20_000, 51);
        (await store.Http.PutAsync("/1,21deadbeef", new ByteArrayContent(photo))).EnsureSuccessStatusCode();

        _flush.Hold();
        var delete = store.Http.DeleteAsync("/1,21deadbeef");
        await _flush.Entered.WaitAsync(Patience);
        // Everything is awaited after the release: a failure while the flush is held would hang the store's shutdown.
        var getDuringFlush = store.Http.GetAsync("/1,21deadbeef");
        await Task.WhenAny(getDuringFlush, Task.Delay(Patience));
        await Task.WhenAny(delete, Task.Delay(Settle));
        var answeredWhileHeld = (getDuringFlush.IsCompleted, delete.IsCompleted);
        _flush.Release();

        Assert.Equal((true, false), answeredWhileHeld);
        using var getResponse = await getDuringFlush;
        Assert.Equal(HttpStatusCode.OK, getResponse.StatusCode);
        Assert.Equal(photo, await getResponse.Content.ReadAsByteArrayAsync());
        using var deleteResponse = await delete.WaitAsync(Patience);
        deleteResponse.EnsureSuccessStatusCode();
        using var getAfter = await store.Http.GetAsync("/1,21deadbeef");
        Assert.Equal(HttpStatusCode.NotFound, getAfter.StatusCode);
    }

    [Fact]
    public async Task A_grpc_delete_is_answered_only_after_its_fdatasync_and_a_grpc_read_meanwhile_still_gets_the_photo()
    {
        await using var store = await StartAsync();
        using var channel = GrpcChannel.ForAddress(store.Server.GrpcAddress);
        var client = new V1.Store.StoreClient(channel);
        var photo = Bytes.Random(20_000, 52);
        await client.WriteAsync(new WriteRequest { PhotoId = "1,22deadbeef", Data = ByteString.CopyFrom(photo) });

        _flush.Hold();
        var delete = client.DeleteAsync(new DeleteRequest { PhotoId = "1,22deadbeef" }).ResponseAsync;
        await _flush.Entered.WaitAsync(Patience);
        var readDuringFlush = client.ReadAsync(new ReadRequest { PhotoId = "1,22deadbeef" }).ResponseAsync;
        await Task.WhenAny(readDuringFlush, Task.Delay(Patience));
        await Task.WhenAny(delete, Task.Delay(Settle));
        var answeredWhileHeld = (readDuringFlush.IsCompleted, delete.IsCompleted);
        _flush.Release();

        Assert.Equal((true, false), answeredWhileHeld);
        Assert.Equal(photo, (await readDuringFlush).Data.ToByteArray());
        await delete.WaitAsync(Patience);
        var gone = await Assert.ThrowsAsync<RpcException>(() => client.ReadAsync(new ReadRequest { PhotoId = "1,22deadbeef" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_failed_fdatasync_fails_the_delete_and_the_photo_is_still_served()
    {
        await using var store = await StartAsync();
        using var channel = GrpcChannel.ForAddress(store.Server.GrpcAddress);
        var client = new V1.Store.StoreClient(channel);
        var photo = Bytes.Random(20_000, 53);
        (await store.Http.PutAsync("/1,23deadbeef", new ByteArrayContent(photo))).EnsureSuccessStatusCode();

        _flush.Hold();
        var delete = store.Http.DeleteAsync("/1,23deadbeef");
        await _flush.Entered.WaitAsync(Patience);
        _flush.Fail(new IOException("fdatasync: Input/output error (EIO)"));

        using var deleteResponse = await delete.WaitAsync(Patience);
        Assert.False(deleteResponse.IsSuccessStatusCode, $"the DELETE was acknowledged with {deleteResponse.StatusCode} after its fdatasync failed");
        using var get = await store.Http.GetAsync("/1,23deadbeef");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(photo, await get.Content.ReadAsByteArrayAsync());
        var read = await client.ReadAsync(new ReadRequest { PhotoId = "1,23deadbeef" });
        Assert.Equal(photo, read.Data.ToByteArray());
    }

    private Task<TestStore> StartAsync() =>
        TestStore.StartAsync(configure: options => options with { Volume = options.Volume with { DataSync = _flush.Sync } });
}
