using Google.Protobuf;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Haystack.Protocol.Store.V1;
using Haystack.Store.Tests.Support;
using Haystack.Testing;
using V1 = Haystack.Protocol.Store.V1;

namespace Haystack.Store.Tests.Grpc;

/// <summary>The Store service on Grpc.AspNetCore, driven by the generated Grpc.Net.Client client.</summary>
[Collection(ArrayPoolCollection.Name)]
public sealed class StoreGrpcTests
{
    private const int PhotoBytes = 700_000;

    [Fact]
    public async Task A_read_hands_its_pooled_buffer_back_to_the_pool_once_the_response_is_written()
    {
        await using var store = await TestStore.StartAsync();
        var photo = Bytes.Random(PhotoBytes, 31);
        (await store.Http.PutAsync("/1,5deadbeef", new ByteArrayContent(photo))).EnsureSuccessStatusCode();
        using var channel = GrpcChannel.ForAddress(store.Server.GrpcAddress);
        var client = new V1.Store.StoreClient(channel);

        using var pool = new ArrayPoolListener(PhotoBytes);
        for (var i = 0; i < 3; i++)
        {
            var read = await client.ReadAsync(new ReadRequest { PhotoId = "1,5deadbeef" });
            Assert.Equal(photo, read.Data.ToByteArray());
        }

        // The server releases the buffer when the request ends, just after the client saw the trailers.
        for (var wait = 0; wait < 100 && pool.Outstanding > 0; wait++)
        {
            await Task.Delay(50);
        }
        Assert.True(pool.Rented >= 3, $"expected the 3 reads to rent their buffers from the shared pool, saw {pool.Rented} rentals");
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public async Task Store_refusals_keep_their_status_and_message()
    {
        await using var store = await TestStore.StartAsync();
        using var channel = GrpcChannel.ForAddress(store.Server.GrpcAddress);
        var client = new V1.Store.StoreClient(channel);

        var tooLarge = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.WriteAsync(new WriteRequest { PhotoId = "1,6deadbeef", Data = ByteString.CopyFrom(new byte[TestStore.MaxNeedleBytes + 1]) }));
        var missing = await Assert.ThrowsAsync<RpcException>(async () => await client.ReadAsync(new ReadRequest { PhotoId = "1,7deadbeef" }));
        var exists = await Assert.ThrowsAsync<RpcException>(async () => await client.CreateVolumeAsync(new CreateVolumeRequest { VolumeId = 1 }));
        var replicas = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.CreateVolumeAsync(new CreateVolumeRequest { VolumeId = 2, ReplicaCount = 300 }));

        Assert.Equal(StatusCode.ResourceExhausted, tooLarge.StatusCode);
        Assert.Equal((StatusCode.NotFound, true), (missing.StatusCode, missing.Status.Detail.Contains("1,7deadbeef", StringComparison.Ordinal)));
        Assert.Equal(StatusCode.AlreadyExists, exists.StatusCode);
        Assert.Equal((StatusCode.InvalidArgument, true), (replicas.StatusCode, replicas.Status.Detail.Contains("replica_count 300", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_health_service_answers_serving_for_the_server_and_the_store_service()
    {
        await using var store = await TestStore.StartAsync();
        using var channel = GrpcChannel.ForAddress(store.Server.GrpcAddress);
        var health = new Health.HealthClient(channel);

        var server = await health.CheckAsync(new HealthCheckRequest());
        var service = await health.CheckAsync(new HealthCheckRequest { Service = "haystack.store.v1.Store" });
        var unknown = await Assert.ThrowsAsync<RpcException>(async () => await health.CheckAsync(new HealthCheckRequest { Service = "haystack.store.v1.Nope" }));

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, server.Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, service.Status);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }
}
