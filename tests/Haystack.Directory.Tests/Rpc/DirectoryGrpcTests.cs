using Google.Protobuf;
using Haystack.Directory.Tests.Support;
using Haystack.Directory.V1;
using Haystack.Store;
using Haystack.Store.Grpc;

namespace Haystack.Directory.Tests.Rpc;

public sealed class DirectoryGrpcTests
{
    [Fact]
    public async Task Upload_lookup_and_delete_over_grpc_act_on_every_replica()
    {
        await using var stores = await StoreGroup.StartAsync(2);
        await using var cache = await FakeCache.StartAsync();
        await using var directory = await TestDirectory.StartAsync(stores.All, caches: [cache.Url]);
        using var grpc = new GrpcCaller(directory.Server.GrpcAddress);
        var photo = Bytes.Photo(10_000, 60);

        var upload = await grpc.CallAsync<UploadResponse>("Upload", new UploadRequest { Data = ByteString.CopyFrom(photo), ContentType = "image/webp" });

        Assert.Equal(StatusCode.OK, upload.Status);
        var id = PhotoId.Parse(upload.Response!.PhotoId);
        Assert.Equal(id.VolumeId, upload.Response.Volume);
        Assert.Equal($"{cache.Url}{id}", upload.Response.Url);
        Assert.Equal(stores.All.Select(s => s.Url.GetLeftPart(UriPartial.Authority)).Order(), upload.Response.Replicas.Order());
        foreach (var store in stores.All)
        {
            using var read = await store.Http.GetAsync(new Uri(store.Url, id.ToString()));
            Assert.Equal("image/webp", read.Content.Headers.ContentType?.MediaType);
            Assert.Equal(photo, await read.Content.ReadAsByteArrayAsync());
        }

        var byId = await grpc.CallAsync<LookupResponse>("Lookup", new LookupRequest { PhotoId = id.ToString() });
        var byVolume = await grpc.CallAsync<LookupResponse>("Lookup", new LookupRequest { Volume = id.VolumeId });
        Assert.Equal(V1.VolumeState.Writable, byId.Response!.State);
        Assert.Equal(upload.Response.Replicas.Order(), byId.Response.Locations.Order());
        Assert.Equal(byId.Response, byVolume.Response);

        var delete = await grpc.CallAsync<DeleteResponse>("Delete", new DeleteRequest { PhotoId = id.ToString() });
        Assert.Equal(StatusCode.OK, delete.Status);
        Assert.Equal([id.ToString()], cache.Deleted);
        var again = await grpc.CallAsync<DeleteResponse>("Delete", new DeleteRequest { PhotoId = id.ToString() });
        Assert.Equal(StatusCode.NotFound, again.Status);
    }

    [Fact]
    public async Task Refusals_carry_the_matching_status_and_a_message()
    {
        await using var stores = await StoreGroup.StartAsync(1);
        await using var directory = await TestDirectory.StartAsync(stores.All, o => o with { MaxUploadBytes = 1_000 });
        using var grpc = new GrpcCaller(directory.Server.GrpcAddress);

        var empty = await grpc.CallAsync<UploadResponse>("Upload", new UploadRequest());
        var tooLarge = await grpc.CallAsync<UploadResponse>("Upload", new UploadRequest { Data = ByteString.CopyFrom(new byte[1_001]) });
        var unknownVolume = await grpc.CallAsync<LookupResponse>("Lookup", new LookupRequest { Volume = 404 });
        var noTarget = await grpc.CallAsync<LookupResponse>("Lookup", new LookupRequest());
        var badId = await grpc.CallAsync<DeleteResponse>("Delete", new DeleteRequest { PhotoId = "nope" });

        Assert.Equal((StatusCode.InvalidArgument, true), (empty.Status, empty.Message!.Contains("empty")));
        Assert.Equal((StatusCode.ResourceExhausted, true), (tooLarge.Status, tooLarge.Message!.Contains("1000 bytes")));
        Assert.Equal((StatusCode.NotFound, true), (unknownVolume.Status, unknownVolume.Message!.Contains("Volume 404")));
        Assert.Equal(StatusCode.InvalidArgument, noTarget.Status);
        Assert.Equal((StatusCode.InvalidArgument, true), (badId.Status, badId.Message!.Contains("nope")));
    }
}
