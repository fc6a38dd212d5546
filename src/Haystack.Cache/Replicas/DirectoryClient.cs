using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Haystack.Protocol;

namespace Haystack.Cache.Replicas;

/// <summary>The two Directory calls a cache makes: <c>GET /dir/lookup?volume=N</c> and <c>POST /dir/report</c>.</summary>
public sealed class DirectoryClient(HttpClient http, Uri directory)
{
    public Uri Address => directory;

    /// <summary>The volume's replicas, or null when the Directory does not know the volume (404).</summary>
    public async Task<VolumeLocation?> LookupAsync(uint volumeId, CancellationToken cancellationToken)
    {
        var url = new Uri(directory, string.Create(CultureInfo.InvariantCulture, $"/dir/lookup?volume={volumeId}"));
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(url, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new DirectoryException($"The Directory at {directory} did not answer the lookup of volume {volumeId}: {e.Message}", e);
        }
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }
            if (!response.IsSuccessStatusCode)
            {
                throw new DirectoryException($"The Directory at {directory} answered {(int)response.StatusCode} to the lookup of volume {volumeId}.");
            }
            try
            {
                var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                return Parse(volumeId, body);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or UriFormatException or FormatException)
            {
                throw new DirectoryException($"The Directory at {directory} sent a lookup of volume {volumeId} the cache cannot read: {e.Message}", e);
            }
        }
    }

    /// <summary>Tells the Directory a replica failed for <paramref name="id"/>; it marks the volume degraded.</summary>
    public async Task ReportAsync(PhotoId id, Uri store, ReplicaProblem problem, CancellationToken cancellationToken)
    {
        var report = new Dictionary<string, string>
        {
            ["id"] = id.ToString(),
            ["store"] = store.GetLeftPart(UriPartial.Authority),
            ["problem"] = problem == ReplicaProblem.Corrupt ? "corrupt" : "unreachable",
        };
        using var response = await http.PostAsJsonAsync(new Uri(directory, "/dir/report"), report, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new DirectoryException($"The Directory at {directory} answered {(int)response.StatusCode} to a report about {store}.");
        }
    }

    private static VolumeLocation Parse(uint volumeId, JsonElement body)
    {
        var state = body.GetProperty("state").GetString() switch
        {
            "writable" => VolumeState.Writable,
            "readonly" => VolumeState.ReadOnly,
            "degraded" => VolumeState.Degraded,
            _ => VolumeState.Unknown,
        };
        var replicas = body.GetProperty("locations").EnumerateArray()
            .Select(location => new Uri(location.GetProperty("url").GetString() ?? throw new FormatException("a location has a null url")))
            .ToArray();
        return new VolumeLocation(volumeId, state, replicas);
    }
}
