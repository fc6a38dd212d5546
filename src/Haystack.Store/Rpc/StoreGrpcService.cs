using Google.Protobuf;
using Grpc.Core;
using Haystack.Hosting;
using Haystack.Protocol.Store.V1;
using Haystack.Storage;
using Microsoft.AspNetCore.Http;
using V1 = Haystack.Protocol.Store.V1;

namespace Haystack.Store.Rpc;

/// <summary>The <c>haystack.store.v1.Store</c> service (Protos/store.proto) over <see cref="PhotoStore"/> and <see cref="VolumeSet"/>.</summary>
internal sealed class StoreGrpcService(PhotoStore photos, VolumeSet volumes) : V1.Store.StoreBase
{
    /// <summary>Volume streams go out in chunks of this size, well under gRPC's default 4 MiB message limit.</summary>
    public const int StreamChunkBytes = 256 * 1024;

    public override async Task<WriteResponse> Write(WriteRequest request, ServerCallContext context)
    {
        var id = RequestIds.Photo(request.PhotoId);
        var contentType = request.ContentType.Length == 0 ? null : request.ContentType;
        var written = await photos.WriteAsync(id, request.Data.Memory, contentType, context.CancellationToken);
        return new WriteResponse { PhotoId = id.ToString(), Etag = written.ETag, Size = (ulong)request.Data.Length };
    }

    [Access(AccessLevel.Read)]
    public override async Task<ReadResponse> Read(ReadRequest request, ServerCallContext context)
    {
        var photo = await photos.ReadAsync(RequestIds.Photo(request.PhotoId), context.CancellationToken);
        // The response wraps the pooled read buffer and is serialised after this returns; the request's end, which
        // comes after the response was written, hands the buffer back to the pool.
        context.GetHttpContext().Response.RegisterForDispose(photo);
        return new ReadResponse
        {
            Data = UnsafeByteOperations.UnsafeWrap(photo.Data),
            ContentType = photo.ContentType,
            Etag = photo.ETag,
        };
    }

    public override async Task<DeleteResponse> Delete(DeleteRequest request, ServerCallContext context)
    {
        await photos.DeleteAsync(RequestIds.Photo(request.PhotoId), context.CancellationToken);
        return new DeleteResponse();
    }

    public override async Task<VolumeInfo> CreateVolume(CreateVolumeRequest request, ServerCallContext context)
    {
        var replicas = request.ReplicaCount == 0 ? 1u : request.ReplicaCount;
        if (replicas > byte.MaxValue)
        {
            throw new StoreException(StoreFailure.InvalidArgument, $"Volume {request.VolumeId}: replica_count {replicas} is above {byte.MaxValue}.");
        }
        var volume = await volumes.CreateAsync(request.VolumeId, (byte)replicas, context.CancellationToken);
        return ToVolumeInfo(volume.Stats);
    }

    [Access(AccessLevel.Read)]
    public override Task<ListVolumesResponse> ListVolumes(ListVolumesRequest request, ServerCallContext context)
    {
        var response = new ListVolumesResponse();
        response.Volumes.AddRange(volumes.List().Select(v => ToVolumeInfo(v.Stats)));
        return Task.FromResult(response);
    }

    [Access(AccessLevel.Read)]
    public override Task<VolumeInfo> VolumeStatus(VolumeStatusRequest request, ServerCallContext context) =>
        Task.FromResult(ToVolumeInfo(volumes.Get(request.VolumeId).Stats));

    public override async Task<VolumeInfo> MarkReadOnly(MarkReadOnlyRequest request, ServerCallContext context) =>
        ToVolumeInfo((await volumes.MarkReadOnlyAsync(request.VolumeId)).Stats);

    public override async Task<CompactResponse> Compact(CompactRequest request, ServerCallContext context)
    {
        var result = await volumes.Get(request.VolumeId).CompactAsync(context.CancellationToken);
        return new CompactResponse
        {
            VolumeId = result.VolumeId.Value,
            CompactionRevision = result.CompactionRevision,
            SizeBeforeBytes = (ulong)result.SizeBeforeBytes,
            SizeAfterBytes = (ulong)result.SizeAfterBytes,
            NeedlesCopied = (ulong)result.NeedlesCopied,
        };
    }

    public override async Task StreamVolume(StreamVolumeRequest request, IServerStreamWriter<VolumeChunk> responseStream, ServerCallContext context)
    {
        await using var data = volumes.Get(request.VolumeId).OpenReadStream();
        var buffer = new byte[StreamChunkBytes];
        long offset = 0;
        while (true)
        {
            var read = await data.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, context.CancellationToken);
            if (read == 0 && offset > 0)
            {
                return;
            }
            var chunk = new VolumeChunk { Offset = (ulong)offset, Data = ByteString.CopyFrom(buffer, 0, read) };
            if (offset == 0)
            {
                chunk.TotalBytes = (ulong)data.Length;
            }
            await responseStream.WriteAsync(chunk, context.CancellationToken);
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
