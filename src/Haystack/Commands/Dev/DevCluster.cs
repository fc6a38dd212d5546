using System.Globalization;
using Haystack.Commands.Cli;

namespace Haystack.Commands.Dev;

/// <summary>
/// The children of <c>haystack dev</c>, started in dependency order (stores, then the directory that places volumes
/// on them, then the cache that asks the directory), each supervised; stopped all together.
/// </summary>
internal sealed class DevCluster(DevLayout layout, PrefixedLog log, TimeSpan readyLimit, TimeSpan stopGrace)
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _runs = [];
    /// <summary>Starts every child and returns once all are ready; throws naming the one that is not.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await StartGroupAsync(layout.StoreSpecs, cancellationToken);
        await StartGroupAsync([layout.DirectorySpec], cancellationToken);
        await StartGroupAsync([layout.CacheSpec], cancellationToken);
    }

    /// <summary>Stops every child (SIGTERM, then SIGKILL after the grace period) and waits for them. Idempotent.</summary>
    public Task StopAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            _stopping.Cancel();
        }
        return Task.WhenAll(_runs);
    }

    private async Task StartGroupAsync(IReadOnlyList<ChildSpec> specs, CancellationToken cancellationToken)
    {
        foreach (var spec in specs)
        {
            var child = new SupervisedChild(spec, log, stopGrace);
            _runs.Add(Task.Run(() => child.RunAsync(_stopping.Token), CancellationToken.None));
        }
        var ready = await Task.WhenAll(specs.Select(spec => ReadinessProbe.WaitAsync(spec.ReadyUrl, readyLimit, cancellationToken)));
        var late = specs.Where((_, index) => !ready[index]).Select(spec => $"{spec.Name} ({spec.ReadyUrl})").ToList();
        if (late.Count > 0)
        {
            throw new CliException(string.Create(CultureInfo.InvariantCulture,
                $"{string.Join(", ", late)} did not become ready within {readyLimit.TotalSeconds:0} s; its log lines above say why."));
        }
    }
}
