using System.Globalization;
using Haystack.Protocol;
using Haystack.Storage;
using Haystack.Store.Scrub;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Haystack.Store.Http;

/// <summary>
/// Needle-level repair between replicas, by needle id and without the cookie (the Directory does not keep cookies):
/// <c>GET /volumes/{id}/needles/{key}/{alternateKey}</c> answers the whole stored needle, verified; <c>PUT</c> of such a
/// copy makes this store write it back over its damaged one (<see cref="Volume.RepairNeedleAsync"/>). Keys are decimal.
/// </summary>
internal static class NeedleRepairEndpoints
{
    private const string Route = "/volumes/{volumeId}/needles/{key}/{alternateKey}";

    public static void MapNeedleRepairEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Route, ReadAsync);
        routes.MapPut(Route, RepairAsync);
    }

    private static async Task<IResult> ReadAsync(string volumeId, string key, string alternateKey, VolumeSet volumes, CancellationToken cancellationToken)
    {
        var volume = volumes.Get(RequestIds.Volume(volumeId));
        var id = NeedleIdOf(key, alternateKey);
        try
        {
            var bytes = await volume.ReadNeedleBytesAsync(id, cancellationToken)
                ?? throw new StoreException(StoreFailure.NeedleNotFound, $"Volume {volume.Id} has no live needle {id}.");
            return TypedResults.Bytes(bytes, "application/octet-stream");
        }
        catch (NeedleCorruptException e)
        {
            throw new StoreException(StoreFailure.Corrupt, $"Needle {id} of volume {volume.Id} is damaged on this store too; copy it from another replica.", e);
        }
    }

    private static async Task<IResult> RepairAsync(
        string volumeId, string key, string alternateKey, HttpRequest request, VolumeSet volumes, StoreScrubber scrubber, StoreOptions options,
        CancellationToken cancellationToken)
    {
        var volume = volumes.Get(RequestIds.Volume(volumeId));
        var id = NeedleIdOf(key, alternateKey);
        var limit = options.MaxGrpcMessageBytes;
        if (request.ContentLength is not { } length || length <= 0 || length > limit)
        {
            throw new StoreException(request.ContentLength is null ? StoreFailure.LengthRequired : StoreFailure.InvalidArgument,
                $"Repair of needle {id}: send the whole stored needle (1 to {limit} bytes) with its Content-Length; nothing was written.");
        }
        var copy = new byte[length];
        await request.Body.ReadExactlyAsync(copy, cancellationToken);
        NeedleRepair outcome;
        try
        {
            outcome = await volume.RepairNeedleAsync(copy, id, cancellationToken);
        }
        catch (InvalidNeedleException e)
        {
            throw new StoreException(StoreFailure.InvalidArgument, e.Message, e);
        }
        catch (NeedleRepairRefusedException e)
        {
            throw new StoreException(StoreFailure.RebuildNeeded, e.Message, e);
        }
        catch (VolumeFullException e)
        {
            throw new StoreException(StoreFailure.VolumeFull, e.Message, e);
        }
        catch (VolumeClosedException e)
        {
            throw new StoreException(StoreFailure.Unavailable, e.Message, e);
        }
        await scrubber.RecordRepairAsync(volume, id, outcome);
        return TypedResults.Ok(new NeedleRepairReport(volume.Id.Value, id.Key, id.AlternateKey, ScrubReports.Outcome(outcome)));
    }

    private static NeedleId NeedleIdOf(string key, string alternateKey) =>
        ulong.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var k) &&
        uint.TryParse(alternateKey, NumberStyles.None, CultureInfo.InvariantCulture, out var alternate)
            ? new NeedleId(k, alternate)
            : throw new StoreException(StoreFailure.InvalidArgument,
                $"'{key}/{alternateKey}' is not a needle id: a decimal key (0 to {ulong.MaxValue}) and alternate key (0 to {uint.MaxValue}).");
}
