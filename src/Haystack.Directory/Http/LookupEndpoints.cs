using Haystack.Directory.Photos;
using Haystack.Directory.Stores;
using Haystack.Directory.Volumes;
using Haystack.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Haystack.Directory.Http;

/// <summary>The SeaweedFS-style API for clients that write to the stores themselves: <c>/dir/assign</c>, <c>/dir/lookup</c>.</summary>
internal static class LookupEndpoints
{
    public static void MapLookupEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapMethods("/dir/assign", [HttpMethods.Get, HttpMethods.Post], AssignAsync);
        routes.MapGet("/dir/lookup", Lookup).AllowReads();
    }

    private static async Task<IResult> AssignAsync(PhotoAssigner assigner, CancellationToken cancellationToken)
    {
        var assignment = await assigner.AssignAsync(cancellationToken);
        return TypedResults.Ok(new AssignResponse(assignment.Id.ToString(), assignment.Id.VolumeId, assignment.Url.ToString(), Location.Of(assignment.Replicas)));
    }

    private static IResult Lookup(string? volume, string? id, VolumeTable table, StoreHealth health, DirectoryStats stats)
    {
        var volumeId = (volume, id) switch
        {
            ({ } v, null) => RequestValues.VolumeId(v),
            (null, { } photo) => RequestValues.PhotoId(photo).VolumeId,
            _ => throw new DirectoryException(DirectoryFailure.InvalidArgument, "Look up either ?volume=<id> or ?id=<photo id>."),
        };
        var found = table.Find(volumeId)
            ?? throw new DirectoryException(DirectoryFailure.NotFound, $"Volume {volumeId} is not in the volume table.");
        stats.RecordLookup();
        return TypedResults.Ok(new LookupResponse(found.Id, found.State, Location.Of(health.InReadOrder(found.Replicas))));
    }
}
