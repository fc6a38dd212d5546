using Grpc.Core;
using Haystack.Directory.Photos;
using Haystack.Directory.Stores;
using Haystack.Directory.Volumes;
using Haystack.Hosting;
using Haystack.Protocol.Directory.V1;
using V1 = Haystack.Protocol.Directory.V1;

namespace Haystack.Directory.Rpc;

/// <summary>The <c>haystack.directory.v1.Directory</c> service (Protos/directory.proto) over the same write, lookup and delete paths as HTTP.</summary>
internal sealed class DirectoryGrpcService(PhotoUploader uploader, PhotoDeleter deleter, VolumeTable table, StoreHealth health, DirectoryStats stats)
    : V1.Directory.DirectoryBase
{
    /// <summary>The interceptor's table: Directory refusals become statuses, anything else stays INTERNAL.</summary>
    public static Status? Translate(Exception error) =>
        error is DirectoryException e ? new Status(StatusFor(e.Failure), e.Message) : null;

    public override async Task<UploadResponse> Upload(V1.UploadRequest request, ServerCallContext context)
    {
        var contentType = request.ContentType.Length == 0 ? null : request.ContentType;
        var stored = await uploader.UploadAsync(
            new Photos.UploadRequest(request.Data.Memory, contentType, request.CallerKeyCase == V1.UploadRequest.CallerKeyOneofCase.Key ? request.Key : null, request.AlternateKey), context.CancellationToken);
        var response = new UploadResponse { PhotoId = stored.Id.ToString(), Url = stored.Url.ToString(), Volume = stored.Id.VolumeId, Size = (ulong)stored.Size };
        response.Replicas.AddRange(stored.Replicas.Select(r => Http.Location.Of(r).Url));
        return response;
    }

    [Access(AccessLevel.Read)]
    public override Task<V1.LookupResponse> Lookup(LookupRequest request, ServerCallContext context)
    {
        var volumeId = request.TargetCase switch
        {
            LookupRequest.TargetOneofCase.Volume => request.Volume,
            LookupRequest.TargetOneofCase.PhotoId => Http.RequestValues.PhotoId(request.PhotoId).VolumeId,
            _ => throw new DirectoryException(DirectoryFailure.InvalidArgument, "Set either volume or photo_id."),
        };
        var volume = table.Find(volumeId)
            ?? throw new DirectoryException(DirectoryFailure.NotFound, $"Volume {volumeId} is not in the volume table.");
        stats.RecordLookup();
        var response = new V1.LookupResponse { Volume = volume.Id, State = StateOf(volume.State) };
        response.Locations.AddRange(health.InReadOrder(volume.Replicas).Select(r => Http.Location.Of(r).Url));
        return Task.FromResult(response);
    }

    public override async Task<DeleteResponse> Delete(DeleteRequest request, ServerCallContext context)
    {
        await deleter.DeleteAsync(Http.RequestValues.PhotoId(request.PhotoId), context.CancellationToken);
        return new DeleteResponse();
    }

    private static V1.VolumeState StateOf(Volumes.VolumeState state) => state switch
    {
        Volumes.VolumeState.Writable => V1.VolumeState.Writable,
        Volumes.VolumeState.ReadOnly => V1.VolumeState.ReadOnly,
        _ => V1.VolumeState.Degraded,
    };

    private static StatusCode StatusFor(DirectoryFailure failure) => failure switch
    {
        DirectoryFailure.InvalidArgument => StatusCode.InvalidArgument,
        DirectoryFailure.NotFound => StatusCode.NotFound,
        DirectoryFailure.TooLarge => StatusCode.ResourceExhausted,
        DirectoryFailure.KeyTaken => StatusCode.AlreadyExists,
        _ => StatusCode.Unavailable,
    };
}
