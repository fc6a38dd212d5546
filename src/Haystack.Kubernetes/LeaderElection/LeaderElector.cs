namespace Haystack.Kubernetes.LeaderElection;

/// <summary>
/// Runs one candidate of a leader election, in the manner of client-go and KubernetesClient: acquire the lock
/// when it is free or expired, renew it every retry period, and step down when renewal fails for the whole
/// renew deadline. Expiry is judged by this process's clock from when it last saw the record change, so
/// clocks of different nodes need not agree.
/// </summary>
public sealed class LeaderElector
{
    private readonly LeaderElectionConfig _config;
    private readonly TimeProvider _clock;
    private LeaderElectionRecord? _observed;
    private DateTimeOffset _observedAt;
    private volatile bool _isLeader;

    public LeaderElector(LeaderElectionConfig config, TimeProvider? clock = null)
    {
        config.Validate();
        _config = config;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>
    /// Raised when this candidate becomes leader: start the work only a leader does. Handlers run on the
    /// election's own task and must return quickly (start the work elsewhere), or renewals stall.
    /// </summary>
    public event Action? OnStartedLeading;

    /// <summary>Raised when leadership ends, lost or given up: stop that work at once.</summary>
    public event Action? OnStoppedLeading;

    /// <summary>Raised with the holder's identity whenever a different holder is observed.</summary>
    public event Action<string>? OnNewLeader;

    public bool IsLeader() => _isLeader;

    /// <summary>The identity of the leader as last observed, or null before the first observation.</summary>
    public string? GetLeader() => _observed?.HolderIdentity;

    /// <summary>
    /// Waits to become leader, then holds leadership until it is lost (returns) or <paramref name="ct"/> is
    /// cancelled (throws <see cref="OperationCanceledException"/>, after releasing the lock if so configured).
    /// </summary>
    public async Task RunUntilLeadershipLostAsync(CancellationToken ct = default)
    {
        while (!await TryAcquireOrRenewAsync(ct))
        {
            await Task.Delay(_config.RetryPeriod, _clock, ct);
        }

        _isLeader = true;
        OnStartedLeading?.Invoke();
        try
        {
            await RenewWhileLeadingAsync(ct);
        }
        finally
        {
            _isLeader = false;
            if (ct.IsCancellationRequested && _config.ReleaseOnCancel)
            {
                await ReleaseAsync();
            }

            OnStoppedLeading?.Invoke();
        }
    }

    /// <summary>Campaigns again after every loss, until <paramref name="ct"/> is cancelled.</summary>
    public async Task RunAndTryToHoldLeadershipForeverAsync(CancellationToken ct = default)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await RunUntilLeadershipLostAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task RenewWhileLeadingAsync(CancellationToken ct)
    {
        while (true)
        {
            await Task.Delay(_config.RetryPeriod, _clock, ct);
            var deadline = _clock.GetUtcNow() + _config.RenewDeadline;
            while (!await TryAcquireOrRenewAsync(ct))
            {
                if (_clock.GetUtcNow() + _config.RetryPeriod >= deadline)
                {
                    return;
                }

                await Task.Delay(_config.RetryPeriod, _clock, ct);
            }
        }
    }

    private async Task<bool> TryAcquireOrRenewAsync(CancellationToken outer)
    {
        var identity = _config.Lock.Identity;
        var now = _clock.GetUtcNow();
        // One attempt may not outlast the renew deadline, or a hung API server would keep a stale leader leading.
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(outer);
        attempt.CancelAfter(_config.RenewDeadline);
        var ct = attempt.Token;
        try
        {
            var current = await _config.Lock.GetAsync(ct);
            if (current is null)
            {
                var first = new LeaderElectionRecord(identity, LeaseSeconds, now.UtcDateTime, now.UtcDateTime, 0);
                if (!await _config.Lock.CreateAsync(first, ct))
                {
                    return false;
                }

                Observe(first, now);
                return true;
            }

            Observe(current, now);
            var heldByOther = current.HolderIdentity.Length > 0 && current.HolderIdentity != identity;
            if (heldByOther && _observedAt + TimeSpan.FromSeconds(current.LeaseDurationSeconds) > now)
            {
                return false;
            }

            var next = current.HolderIdentity == identity
                ? current with { LeaseDurationSeconds = LeaseSeconds, RenewTime = now.UtcDateTime }
                : new LeaderElectionRecord(identity, LeaseSeconds, now.UtcDateTime, now.UtcDateTime, current.LeaderTransitions + 1);
            if (!await _config.Lock.UpdateAsync(next, ct))
            {
                return false;
            }

            Observe(next, now);
            return true;
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException or TimeoutException
            || (e is OperationCanceledException && attempt.IsCancellationRequested && !outer.IsCancellationRequested))
        {
            // The API server is unreachable, slow or refused: this attempt failed, the deadline decides what that means.
            return false;
        }
    }

    private async Task ReleaseAsync()
    {
        using var timeout = new CancellationTokenSource(_config.RetryPeriod * 2);
        try
        {
            var current = await _config.Lock.GetAsync(timeout.Token);
            if (current?.HolderIdentity == _config.Lock.Identity)
            {
                var now = _clock.GetUtcNow().UtcDateTime;
                await _config.Lock.UpdateAsync(current with { HolderIdentity = "", LeaseDurationSeconds = 1, RenewTime = now, AcquireTime = now }, timeout.Token);
            }
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException or OperationCanceledException)
        {
            // Best effort: if the release does not land, successors wait for the lease to expire.
        }
    }

    private void Observe(LeaderElectionRecord record, DateTimeOffset now)
    {
        if (record == _observed)
        {
            return;
        }

        var newHolder = record.HolderIdentity != _observed?.HolderIdentity;
        _observed = record;
        _observedAt = now;
        if (newHolder && record.HolderIdentity.Length > 0)
        {
            OnNewLeader?.Invoke(record.HolderIdentity);
        }
    }

    private int LeaseSeconds => (int)Math.Ceiling(_config.LeaseDuration.TotalSeconds);
}
