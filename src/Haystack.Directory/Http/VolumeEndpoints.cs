using System.Text.Json;
using Haystack.Directory.Repair;
using Haystack.Directory.Stores;
using Haystack.Directory.Volumes;
using Haystack.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Haystack.Directory.Http;

/// <summary>
/// The volume table: <c>GET /volumes</c>, <c>POST /volumes/{id}/readonly</c>, <c>POST /volumes/{id}/repaired</c>, and
/// cache reports (<c>POST /dir/report</c>).
/// </summary>
internal static class VolumeEndpoints
{
    public static void MapVolumeEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/volumes", (VolumeTable table, StoreHealth health, ReplicaRepairer repairer) =>
            TypedResults.Ok(new { volumes = table.List().Select(v => VolumeEntry.From(v, health, repairer)) })).AllowReads();
        routes.MapPost("/volumes/{volumeId}/readonly", MarkReadOnlyAsync);
        routes.MapPost("/volumes/{volumeId}/repaired", MarkRepairedAsync);
        routes.MapPost("/dir/report", ReportAsync);
    }

    private static async Task<IResult> MarkReadOnlyAsync(string volumeId, VolumeTransitions transitions, CancellationToken cancellationToken)
    {
        var id = RequestValues.VolumeId(volumeId);
        var volume = await transitions.MarkReadOnlyAsync(id, "marked read-only by an administrator", cancellationToken)
            ?? throw new DirectoryException(DirectoryFailure.NotFound, $"Volume {id} is not in the volume table.");
        return TypedResults.Ok(VolumeEntry.From(volume));
    }

    /// <summary>After a corrupt replica was rebuilt: the next probe decides the state again (and heals the volume if all is well).</summary>
    private static async Task<IResult> MarkRepairedAsync(string volumeId, VolumeTable table, VolumeMaintenance maintenance, CancellationToken cancellationToken)
    {
        var id = RequestValues.VolumeId(volumeId);
        var volume = await table.UpdateAsync(id, v => v with { NeedsRepair = false }, cancellationToken)
            ?? throw new DirectoryException(DirectoryFailure.NotFound, $"Volume {id} is not in the volume table.");
        maintenance.Wake();
        return TypedResults.Ok(VolumeEntry.From(volume));
    }

    private static async Task<IResult> ReportAsync(HttpRequest request, ReplicaReports reports, CancellationToken cancellationToken)
    {
        ReportRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<ReportRequest>(cancellationToken);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new DirectoryException(DirectoryFailure.InvalidArgument,
                $"The report is not JSON like {{\"id\": \"<photo id>\", \"store\": \"<store url>\", \"problem\": \"corrupt|unreachable\"}}: {e.Message}");
        }
        if (body is null || body.Id is null || body.Store is null || body.Problem is null)
        {
            throw new DirectoryException(DirectoryFailure.InvalidArgument, "A report needs \"id\", \"store\" and \"problem\".");
        }
        var id = RequestValues.PhotoId(body.Id);
        if (!Uri.TryCreate(body.Store, UriKind.Absolute, out var store))
        {
            throw new DirectoryException(DirectoryFailure.InvalidArgument, $"The store '{body.Store}' is not a URL like http://127.0.0.1:7101.");
        }
        var problem = body.Problem switch
        {
            "corrupt" => ReplicaProblem.Corrupt,
            "unreachable" => ReplicaProblem.Unreachable,
            _ => throw new DirectoryException(DirectoryFailure.InvalidArgument, $"The problem '{body.Problem}' is neither \"corrupt\" nor \"unreachable\"."),
        };
        var volume = await reports.ReportAsync(id, new Uri(store.GetLeftPart(UriPartial.Authority)), problem, cancellationToken);
        return TypedResults.Ok(new { volume = volume.Id, state = volume.State });
    }
}
