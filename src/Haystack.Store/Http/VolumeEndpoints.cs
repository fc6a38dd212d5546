using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Haystack.Store.Http;

/// <summary>
/// Volume administration under <c>/volumes</c>: list, create, status, mark read-only, compact, delete, and stream the
/// raw data file to a peer that rebuilds a replica (GET), receive one (PUT) or pull one from a peer (POST pull).
/// </summary>
internal static class VolumeEndpoints
{
    public static void MapVolumeEndpoints(this IEndpointRouteBuilder routes)
    {
        var volumes = routes.MapGroup("/volumes");
        volumes.MapGet("/", List);
        volumes.MapPost("/{volumeId}", CreateAsync);
        volumes.MapGet("/{volumeId}", Status);
        volumes.MapPost("/{volumeId}/readonly", MarkReadOnlyAsync);
        volumes.MapPost("/{volumeId}/compact", CompactAsync);
        volumes.MapGet("/{volumeId}/stream", Stream);
        volumes.MapPut("/{volumeId}/stream", ImportAsync);
        volumes.MapPost("/{volumeId}/pull", PullAsync);
        volumes.MapDelete("/{volumeId}", DeleteAsync);
    }

    private static IResult List(VolumeSet volumes) =>
        TypedResults.Ok(new { volumes = volumes.List().Select(v => VolumeStatusReport.From(v.Stats)) });

    /// <summary>Optional query parameter <c>replicas</c> (default 1) is recorded in the superblock.</summary>
    private static async Task<IResult> CreateAsync(string volumeId, string? replicas, VolumeSet volumes, CancellationToken cancellationToken)
    {
        var id = RequestIds.Volume(volumeId);
        byte replicaCount = 1;
        if (replicas is not null && !byte.TryParse(replicas, NumberStyles.None, CultureInfo.InvariantCulture, out replicaCount))
        {
            throw new StoreException(StoreFailure.InvalidArgument, $"Volume {id}: replicas '{replicas}' is not a number from 1 to {byte.MaxValue}.");
        }
        var volume = await volumes.CreateAsync(id, replicaCount, cancellationToken);
        return TypedResults.Created($"/volumes/{id}", VolumeStatusReport.From(volume.Stats));
    }

    private static IResult Status(string volumeId, VolumeSet volumes) =>
        TypedResults.Ok(VolumeStatusReport.From(volumes.Get(RequestIds.Volume(volumeId)).Stats));

    private static async Task<IResult> MarkReadOnlyAsync(string volumeId, VolumeSet volumes) =>
        TypedResults.Ok(VolumeStatusReport.From((await volumes.MarkReadOnlyAsync(RequestIds.Volume(volumeId))).Stats));

    private static async Task<IResult> CompactAsync(string volumeId, VolumeSet volumes, CancellationToken cancellationToken)
    {
        var volume = volumes.Get(RequestIds.Volume(volumeId));
        return TypedResults.Ok(CompactionReport.From(await volume.CompactAsync(cancellationToken)));
    }

    /// <summary>The data file as of this request (superblock and needles), with its exact length.</summary>
    private static IResult Stream(string volumeId, VolumeSet volumes)
    {
        var volume = volumes.Get(RequestIds.Volume(volumeId));
        return TypedResults.Stream(volume.OpenReadStream(), "application/octet-stream", $"{volume.Id}.dat");
    }

    /// <summary>Copies the volume from the peer store at <c>from</c> (its base URL) and verifies it before serving it (<see cref="VolumePull"/>).</summary>
    private static async Task<IResult> PullAsync(string volumeId, string? from, VolumePull pull, CancellationToken cancellationToken)
    {
        var id = RequestIds.Volume(volumeId);
        var volume = await pull.PullAsync(id, from ?? throw new StoreException(StoreFailure.InvalidArgument, $"Pull of volume {id} needs from=<base URL of a store holding it>."), cancellationToken);
        return TypedResults.Created($"/volumes/{id}", VolumeStatusReport.From(volume.Stats));
    }

    private static async Task<IResult> DeleteAsync(string volumeId, VolumeSet volumes, CancellationToken cancellationToken)
    {
        await volumes.DeleteAsync(RequestIds.Volume(volumeId), cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The receiving side of <see cref="Stream"/>: the body is a data file, up to the volume size limit.</summary>
    private static async Task<IResult> ImportAsync(string volumeId, HttpContext context, VolumeSet volumes, StoreOptions options, CancellationToken cancellationToken)
    {
        var id = RequestIds.Volume(volumeId);
        var limit = options.Volume.SizeLimitBytes;
        if (context.Request.ContentLength is not { } length)
        {
            throw new StoreException(StoreFailure.LengthRequired, $"Import of volume {id} has no Content-Length; send the length of the data file.");
        }
        if (length > limit)
        {
            throw new StoreException(StoreFailure.TooLarge, $"Import of volume {id} has {length} bytes; volumes on this store hold at most {limit}.");
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = limit;
        }
        var volume = await volumes.ImportAsync(id, context.Request.Body, length, cancellationToken);
        return TypedResults.Created($"/volumes/{id}", VolumeStatusReport.From(volume.Stats));
    }
}
