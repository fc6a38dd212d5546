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
/// A real Store server whose data-file fdatasync the test holds: neither an HTTP PUT nor a gRPC write is
/// answered before the flush covering it returns, a read of the photo meanwhile waits too, and a failed
/// flush fails the write and keeps the photo from being served.
/// </summary>
public sealed class DurableAcknowledgementTests : IDisposable
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly HeldFlush _flush = new();

    public void Dispose() => _flush.Dispose();

    [Fact]
    public async Task An_http_put_is_answered_only_after_its_fdatasync_and_a_get_meanwhile_waits_too()
    {
        await using var store = await StartAsync();
        var photo = Bytes.Random(20_000, 41);

        _flush.Hold();
        var put = store.Http.PutAsync("/1,11deadbeef", new ByteArrayContent(photo));
        await _flush.Entered.WaitAsync(Patience);
        var get = store.Http.GetAsync("/1,11deadbeef");
        await Task.WhenAny(put, get, Task.Delay(Settle));
        var answeredWhileHeld = (put.IsCompleted, get.IsCompleted);
        _flush.Release();

        Assert.Equal((false, false), answeredWhileHeld);
        using var putResponse = await put.WaitAsync(Patience);
        putResponse.EnsureSuccessStatusCode();
        using var getResponse = await get.WaitAsync(Patience);
        Assert.Equal(photo, await getResponse.EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_grpc_write_is_answered_only_after_its_fdatasync()
    {
        await using var store = await StartAsync();
        using var channel = GrpcChannel.ForAddress(store.Server.GrpcAddress);
        var client = new V1.Store.StoreClient(channel);
        var photo = Bytes.Random(20_000, 42);

        _flush.Hold();
        var write = client.WriteAsync(new WriteRequest { PhotoId = "1,12deadbeef", Data = ByteString.CopyFrom(photo) }).ResponseAsync;
        await _flush.Entered.WaitAsync(Patience);
        await Task.WhenAny(write, Task.Delay(Settle));
        var answeredWhileHeld = write.IsCompleted;
        _flush.Release();

        Assert.False(answeredWhileHeld, "the gRPC write was acknowledged before its fdatasync returned");
        await write.WaitAsync(Patience);
        var read = await client.ReadAsync(new ReadRequest { PhotoId = "1,12deadbeef" });
        Assert.Equal(photo, read.Data.ToByteArray());
    }

    [Fact]
    public async Task A_failed_fdatasync_fails_the_put_and_the_write_and_the_photos_are_not_served()
    {
        await using var store = await StartAsync();
        using var channel = GrpcChannel.ForAddress(store.Server.GrpcAddress);
        var client = new V1.Store.StoreClient(channel);

        _flush.Hold();
        var put = store.Http.PutAsync("/1,13deadbeef", new ByteArrayContent(Bytes.Random(1_000, 43)));
        var write = client.WriteAsync(new WriteRequest { PhotoId = "1,14deadbeef", Data = ByteString.CopyFrom(Bytes.Random(1_000, 44)) }).ResponseAsync;
        await _flush.Entered.WaitAsync(Patience);
        _flush.Fail(new IOException("fdatasync: Input/output error (EIO)"));

        using var putResponse = await put.WaitAsync(Patience);
        Assert.False(putResponse.IsSuccessStatusCode, $"the PUT was acknowledged with {putResponse.StatusCode} after its fdatasync failed");
        var failed = await Assert.ThrowsAsync<RpcException>(() => write.WaitAsync(Patience));
        Assert.NotEqual(StatusCode.OK, failed.StatusCode);
        // A needle appended before the flush failed answers 503; a write that arrived after the failure was
        // refused before any append and its photo answers 404. Either way neither photo is served.
        foreach (var id in new[] { "1,13deadbeef", "1,14deadbeef" })
        {
            using var get = await store.Http.GetAsync($"/{id}");
            Assert.Contains(get.StatusCode, new[] { HttpStatusCode.ServiceUnavailable, HttpStatusCode.NotFound });
        }
    }

    private Task<TestStore> StartAsync() =>
        TestStore.StartAsync(configure: options => options with { Volume = options.Volume with { DataSync = _flush.Sync } });
}
