using System.Net;
using Haystack.Client.Wire;
using Polly;

namespace Haystack.Client.Http;

/// <summary>
/// Reads a photo straight from its replicas: asks the Directory where the volume lives, then each replica in the
/// Directory's order until one serves it. A 404 moves on quietly; a store that cannot be reached, times out or
/// fails moves on too. When every replica answered 404 the photo is not found; when some failed, the round
/// (lookup included, as the replicas may have moved) is retried with backoff.
/// </summary>
internal sealed class ReplicaReader(ResilientSender sender, Endpoint directory, HaystackClientOptions options)
{
    private readonly ResiliencePipeline _rounds = RetryPipelines.ForRounds(options);

    public async Task<Photo> ReadAsync(PhotoId id, CancellationToken cancellationToken) =>
        await _rounds.ExecuteAsync(async token => await ReadOnceAsync(id, token), cancellationToken);

    private async Task<Photo> ReadOnceAsync(PhotoId id, CancellationToken cancellationToken)
    {
        var location = await LookupAsync(id, cancellationToken);
        var failures = new List<string>();
        var notFound = 0;
        foreach (var replica in location.Replicas)
        {
            var store = Endpoint.Of("store", replica);
            try
            {
                using var response = await sender.SendAsync(store, HttpMethod.Get, id.ToString(), RetryMode.Never, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return await PhotoAnswer.ReadAsync(id, store, response, cancellationToken);
                }
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    notFound++;
                    continue;
                }
                failures.Add((await ServerAnswers.FailureAsync(store, response, cancellationToken)).Message);
            }
            catch (HaystackUnreachableException unreachable)
            {
                failures.Add(unreachable.Message);
            }
        }
        if (failures.Count == 0)
        {
            throw new PhotoNotFoundException(id, directory.BaseUrl,
                $"photo {id} was not found on any of the {notFound} replicas of volume {location.Volume}: it was deleted, never uploaded, or the cookie in the id is wrong.");
        }
        throw new HaystackException(
            $"no replica of volume {location.Volume} served photo {id} ({notFound} answered not found): {string.Join("; ", failures)}",
            directory.BaseUrl, statusCode: null, isTransient: true);
    }

    private async Task<VolumeLocation> LookupAsync(PhotoId id, CancellationToken cancellationToken)
    {
        using var response = await sender.SendAsync(directory, HttpMethod.Get, LookupPath(id), RetryMode.Never, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new PhotoNotFoundException(id, directory.BaseUrl,
                $"photo {id} was not found: the directory at {directory.BaseUrl} does not know volume {id.VolumeId}.");
        }
        if (!response.IsSuccessStatusCode)
        {
            throw await ServerAnswers.FailureAsync(directory, response, cancellationToken);
        }
        return (await ServerAnswers.ReadJsonAsync<LookupAnswer>(directory, response, cancellationToken)).ToLocation();
    }

    public static string LookupPath(PhotoId id) => $"dir/lookup?id={Uri.EscapeDataString(id.ToString())}";
}
