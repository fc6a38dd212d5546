using Google.Protobuf;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Reflection.V1Alpha;
using Haystack.Directory.Tests.Support;
using Haystack.Protocol;
using Haystack.Protocol.Directory.V1;
using V1 = Haystack.Protocol.Directory.V1;

namespace Haystack.Directory.Tests.Rpc;

/// <summary>The Directory service on Grpc.AspNetCore, driven by the generated Grpc.Net.Client client.</summary>
public sealed class DirectoryGrpcTests
{
    [Fact]
    public async Task Upload_lookup_and_delete_over_grpc_act_on_every_replica()
    {
        await using var stores = await StoreGroup.StartAsync(2);
        await using var cache = await FakeCache.StartAsync();
        await using var directory = await TestDirectory.StartAsync(stores.All, caches: [cache.Url]);
        using var channel = GrpcChannel.ForAddress(directory.Server.GrpcAddress);
        var grpc = new V1.Directory.DirectoryClient(channel);
        var photo = Bytes.Photo(10_000, 60);

        var upload = await grpc.UploadAsync(new UploadRequest { Data = ByteString.CopyFrom(photo), ContentType = "image/webp" });

        var id = PhotoId.Parse(upload.PhotoId);
        Assert.Equal(id.VolumeId, upload.Volume);
        Assert.Equal($"{cache.Url}{id}", upload.Url);
        Assert.Equal(stores.All.Select(s => s.Url.GetLeftPart(UriPartial.Authority)).Order(), upload.Replicas.Order());
        foreach (var store in stores.All)
        {
            using var read = await store.Http.GetAsync(new Uri(store.Url, id.ToString()));
            Assert.Equal("image/webp", read.Content.Headers.ContentType?.MediaType);
            Assert.Equal(photo, await read.Content.ReadAsByteArrayAsync());
        }

        var byId = await grpc.LookupAsync(new LookupRequest { PhotoId = id.ToString() });
        var byVolume = await grpc.LookupAsync(new LookupRequest { Volume = id.VolumeId });
        Assert.Equal(V1.VolumeState.Writable, byId.State);
        Assert.Equal(upload.Replicas.Order(), byId.Locations.Order());
        Assert.Equal(byId, byVolume);

        await grpc.DeleteAsync(new DeleteRequest { PhotoId = id.ToString() });
        Assert.Equal([id.ToString()], cache.Deleted);
        var again = await Assert.ThrowsAsync<RpcException>(async () => await grpc.DeleteAsync(new DeleteRequest { PhotoId = id.ToString() }));
        Assert.Equal(StatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Refusals_carry_the_matching_status_and_a_message()
    {
        await using var stores = await StoreGroup.StartAsync(1);
        await using var directory = await TestDirectory.StartAsync(stores.All, o => o with { MaxUploadBytes = 1_000 });
        using var channel = GrpcChannel.ForAddress(directory.Server.GrpcAddress);
        var grpc = new V1.Directory.DirectoryClient(channel);

        var empty = await Refusal(async () => await grpc.UploadAsync(new UploadRequest()));
        var tooLarge = await Refusal(async () => await grpc.UploadAsync(new UploadRequest { Data = ByteString.CopyFrom(new byte[1_001]) }));
        var unknownVolume = await Refusal(async () => await grpc.LookupAsync(new LookupRequest { Volume = 404 }));
        var noTarget = await Refusal(async () => await grpc.LookupAsync(new LookupRequest()));
        var badId = await Refusal(async () => await grpc.DeleteAsync(new DeleteRequest { PhotoId = "nope" }));

        Assert.Equal((StatusCode.InvalidArgument, true), (empty.StatusCode, empty.Detail.Contains("empty")));
        Assert.Equal((StatusCode.ResourceExhausted, true), (tooLarge.StatusCode, tooLarge.Detail.Contains("1000 bytes")));
        Assert.Equal((StatusCode.NotFound, true), (unknownVolume.StatusCode, unknownVolume.Detail.Contains("Volume 404")));
        Assert.Equal(StatusCode.InvalidArgument, noTarget.StatusCode);
        Assert.Equal((StatusCode.InvalidArgument, true), (badId.StatusCode, badId.Detail.Contains("nope")));
    }

    [Fact]
    public async Task Health_and_reflection_answer_on_the_grpc_port()
    {
        await using var stores = await StoreGroup.StartAsync(1);
        await using var directory = await TestDirectory.StartAsync(stores.All);
        using var channel = GrpcChannel.ForAddress(directory.Server.GrpcAddress);

        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest { Service = "haystack.directory.v1.Directory" });
        using var reflection = new ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();
        await reflection.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await reflection.RequestStream.CompleteAsync();
        Assert.True(await reflection.ResponseStream.MoveNext(CancellationToken.None));
        var services = reflection.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        Assert.Contains("haystack.directory.v1.Directory", services);
        Assert.Contains("grpc.health.v1.Health", services);
    }

    private static async Task<Status> Refusal(Func<Task> call) => (await Assert.ThrowsAsync<RpcException>(call)).Status;
}
