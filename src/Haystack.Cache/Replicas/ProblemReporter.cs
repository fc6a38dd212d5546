using System.Collections.Concurrent;
using Haystack.Protocol;
using Microsoft.Extensions.Logging;

namespace Haystack.Cache.Replicas;

/// <summary>
/// Sends replica problems to the Directory in the background, so a read never waits on a report. Repeats are
/// dropped for a while: a dead store is reported once per window, not once per read that found it dead, and a
/// corrupt needle once per photo and store.
/// </summary>
public sealed class ProblemReporter(DirectoryClient directory, CacheStats stats, TimeProvider clock, ILogger<ProblemReporter> logger)
{
    private static readonly TimeSpan RepeatWindow = TimeSpan.FromSeconds(30);
    private const int MaxRemembered = 10_000;

    private readonly ConcurrentDictionary<(Uri Store, ReplicaProblem Problem, PhotoId? Id), DateTimeOffset> _recent = new();

    public void Report(PhotoId id, Uri store, ReplicaProblem problem)
    {
        var now = clock.GetUtcNow();
        var key = (store, problem, problem == ReplicaProblem.Corrupt ? id : (PhotoId?)null);
        if (_recent.TryGetValue(key, out var last) && now - last < RepeatWindow)
        {
            return;
        }
        _recent[key] = now;
        if (_recent.Count > MaxRemembered)
        {
            foreach (var old in _recent.Where(pair => now - pair.Value >= RepeatWindow))
            {
                _recent.TryRemove(old);
            }
        }
        _ = SendAsync(id, store, problem);
    }

    private async Task SendAsync(PhotoId id, Uri store, ReplicaProblem problem)
    {
        try
        {
            await directory.ReportAsync(id, store, problem, CancellationToken.None);
            stats.RecordReport(sent: true);
            logger.LogWarning("Reported replica {Store} as {Problem} to the Directory (photo {PhotoId})", store, problem, id);
        }
        catch (Exception e)
        {
            // Nobody awaits this task: every failure, shutdown included, ends here as a log line and a count.
            stats.RecordReport(sent: false);
            logger.LogError("Could not report replica {Store} as {Problem} (photo {PhotoId}) to the Directory at {Directory}: {Error}",
                store, problem, id, directory.Address, e.Message);
        }
    }
}
