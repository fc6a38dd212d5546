using Google.Protobuf;
using Haystack.Storage;
using Haystack.Store.Grpc;
using Haystack.Store.V1;

namespace Haystack.Store.Rpc;

/// <summary>The <c>haystack.store.v1.Store</c> service (Protos/store.proto) over <see cref="PhotoStore"/> and <see cref="VolumeSet"/>.</summary>
internal sealed class StoreGrpcService(PhotoStore photos, VolumeSet volumes)
{
    public const string ServiceName = "haystack.store.v1.Store";

    /// <summary>Volume streams go out in chunks of this size, well under gRPC's default 4 MiB message limit.</summary>
    public const int StreamChunkBytes = 256 * 1024;

    public void MapTo(GrpcRouter router) => router
        .MapUnary<WriteRequest, WriteResponse>(ServiceName, "Write", WriteAsync)
        .MapUnary<ReadRequest, ReadResponse>(ServiceName, "Read", ReadAsync)
        .MapUnary<DeleteRequest, DeleteResponse>(ServiceName, "Delete", DeleteAsync)
        .MapUnary<CreateVolumeRequest, VolumeInfo>(ServiceName, "CreateVolume", CreateVolumeAsync)
        .MapUnary<ListVolumesRequest, ListVolumesResponse>(ServiceName, "ListVolumes", ListVolumes)
        .MapUnary<VolumeStatusRequest, VolumeInfo>(ServiceName, "VolumeStatus", VolumeStatus)
        .MapUnary<MarkReadOnlyRequest, VolumeInfo>(ServiceName, "MarkReadOnly", MarkReadOnlyAsync)
        .MapUnary<CompactRequest, CompactResponse>(ServiceName, "Compact", CompactAsync)
        .MapServerStreaming<StreamVolumeRequest, VolumeChunk>(ServiceName, "StreamVolume", StreamVolumeAsync);

    private async Task<WriteResponse> WriteAsync(WriteRequest request, ServerCallContext call)
    {
        var id = RequestIds.Photo(request.PhotoId);
        var contentType = request.ContentType.Length == 0 ? null : request.ContentType;
        var written = await photos.WriteAsync(id, request.Data.Memory, contentType, call.CancellationToken);
        return new WriteResponse { PhotoId = id.ToString(), Etag = written.ETag, Size = (ulong)request.Data.Length };
    }

    private async Task<ReadResponse> ReadAsync(ReadRequest request, ServerCallContext call)
    {
        // Not disposed: the response wraps the read buffer and is serialised after this returns; the buffer is then
        // collected instead of going back to the pool.
        var photo = await photos.ReadAsync(RequestIds.Photo(request.PhotoId), call.CancellationToken);
        return new ReadResponse
        {
            Data = UnsafeByteOperations.UnsafeWrap(photo.Data),
            ContentType = photo.ContentType,
            Etag = photo.ETag,
        };
    }

    private async Task<DeleteResponse> DeleteAsync(DeleteRequest request, ServerCallContext call)
    {
        await photos.DeleteAsync(RequestIds.Photo(request.PhotoId), call.CancellationToken);
        return new DeleteResponse();
    }

    private async Task<VolumeInfo> CreateVolumeAsync(CreateVolumeRequest request, ServerCallContext call)
    {
        var replicas = request.ReplicaCount == 0 ? 1u : request.ReplicaCount;
        if (replicas > byte.MaxValue)
        {
            throw new StoreException(StoreFailure.InvalidArgument, $"Volume {request.VolumeId}: replica_count {replicas} is above {byte.MaxValue}.");
        }
        var volume = await volumes.CreateAsync(request.VolumeId, (byte)replicas, call.CancellationToken);
        return ToVolumeInfo(volume.Stats);
    }

    private Task<ListVolumesResponse> ListVolumes(ListVolumesRequest request, ServerCallContext call)
    {
        var response = new ListVolumesResponse();
        response.Volumes.AddRange(volumes.List().Select(v => ToVolumeInfo(v.Stats)));
        return Task.FromResult(response);
    }

    private Task<VolumeInfo> VolumeStatus(VolumeStatusRequest request, ServerCallContext call) =>
        Task.FromResult(ToVolumeInfo(volumes.Get(request.VolumeId).Stats));

    private async Task<VolumeInfo> MarkReadOnlyAsync(MarkReadOnlyRequest request, ServerCallContext call) =>
        ToVolumeInfo((await volumes.MarkReadOnlyAsync(request.VolumeId)).Stats);

    private async Task<CompactResponse> CompactAsync(CompactRequest request, ServerCallContext call)
    {
        var result = await volumes.Get(request.VolumeId).CompactAsync(call.CancellationToken);
        return new CompactResponse
        {
            VolumeId = result.VolumeId.Value,
            CompactionRevision = result.CompactionRevision,
            SizeBeforeBytes = (ulong)result.SizeBeforeBytes,
            SizeAfterBytes = (ulong)result.SizeAfterBytes,
            NeedlesCopied = (ulong)result.NeedlesCopied,
        };
    }

    private async Task StreamVolumeAsync(StreamVolumeRequest request, IServerStreamWriter<VolumeChunk> responses, ServerCallContext call)
    {
        await using var data = volumes.Get(request.VolumeId).OpenReadStream();
        var buffer = new byte[StreamChunkBytes];
        long offset = 0;
        while (true)
        {
            var read = await data.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, call.CancellationToken);
            if (read == 0 && offset > 0)
            {
                return;
            }
            var chunk = new VolumeChunk { Offset = (ulong)offset, Data = ByteString.CopyFrom(buffer, 0, read) };
            if (offset == 0)
            {
                chunk.TotalBytes = (ulong)data.Length;
            }
            await responses.WriteAsync(chunk, call.CancellationToken);
            offset += read;
            if (read < buffer.Length)
            {
                return;
            }
        }
    }

    private static VolumeInfo ToVolumeInfo(VolumeStats stats) => new()
    {
        VolumeId = stats.VolumeId.Value,
        SizeBytes = (ulong)stats.SizeBytes,
        SizeLimitBytes = (ulong)stats.SizeLimitBytes,
        NeedleCount = (ulong)stats.NeedleCount,
        LiveBytes = (ulong)stats.LiveBytes,
        GarbageNeedleCount = (ulong)stats.GarbageNeedleCount,
        GarbageBytes = (ulong)stats.GarbageBytes,
        GarbageRatio = stats.GarbageRatio,
        ReadOnly = stats.IsReadOnly,
        CompactionRevision = stats.CompactionRevision,
        ReplicaCount = stats.ReplicaCount,
    };
}
