using System.Diagnostics.Metrics;
using System.Globalization;
using Haystack.Storage;

namespace Haystack.Store.Scrub;

/// <summary>
/// The scrub's instruments on the "Haystack.Store" meter: bytes read, needles checked, findings by kind and repairs by
/// outcome (counters, observed so they are exported as 0 before the first), plus per-volume gauges of the pass.
/// </summary>
internal sealed class ScrubMetrics
{
    private long _needlesChecked;
    private long _corruptFound;
    private long _missingFound;
    private long _rewritten;
    private long _appended;
    private long _alreadyIntact;

    public ScrubMetrics(Meter meter, StoreScrubber scrubber)
    {
        meter.CreateObservableCounter("haystack.store.scrub.read_bytes", () => scrubber.Pacer.TotalBytes, "By",
            "Bytes the background scrub read from data files.");
        meter.CreateObservableCounter("haystack.store.scrub.needles", () => Interlocked.Read(ref _needlesChecked), "{needle}",
            "Live needles the scrub checked against the data file.");
        meter.CreateObservableCounter("haystack.store.scrub.findings", () => new[]
        {
            new Measurement<long>(Interlocked.Read(ref _corruptFound), new KeyValuePair<string, object?>("kind", "corrupt")),
            new Measurement<long>(Interlocked.Read(ref _missingFound), new KeyValuePair<string, object?>("kind", "missing")),
        }, "{needle}", "Live needles found damaged (by the scrub or a read) or missing from the data file.");
        meter.CreateObservableCounter("haystack.store.scrub.repairs", () => new[]
        {
            new Measurement<long>(Interlocked.Read(ref _rewritten), new KeyValuePair<string, object?>("outcome", "rewritten")),
            new Measurement<long>(Interlocked.Read(ref _appended), new KeyValuePair<string, object?>("outcome", "appended")),
            new Measurement<long>(Interlocked.Read(ref _alreadyIntact), new KeyValuePair<string, object?>("outcome", "already_intact")),
        }, "{needle}", "Needles repaired from a healthy replica's copy, by what the repair wrote.");
        meter.CreateObservableGauge("haystack.store.scrub.rate_limit", () => scrubber.Pacer.IsPaused ? 0 : scrubber.Pacer.BytesPerSecond, "By/s",
            "The scrub's read budget; 0 while paused.");
        meter.CreateObservableGauge("haystack.store.volume.scrub.offset", () => Observe(scrubber, c => c.Offset), "By",
            "How far the scrub pass in progress has read the volume's data file.");
        meter.CreateObservableGauge("haystack.store.volume.scrub.open_findings", () => Observe(scrubber, c => (long)c.Findings.Count), "{needle}",
            "Needles found damaged or missing and not repaired yet.");
        meter.CreateObservableGauge("haystack.store.volume.scrub.last_pass_completed", () => Observe(scrubber, c => c.LastPassCompleted?.ToUnixTimeSeconds() ?? 0), "s",
            "When the last whole scrub pass of the volume ended, Unix seconds (0: none yet).");
    }

    public long NeedlesChecked => Interlocked.Read(ref _needlesChecked);

    public void RecordStep(ScrubStep step) => Interlocked.Add(ref _needlesChecked, step.NeedlesChecked);

    public void RecordFindings(int corrupt, int missing)
    {
        Interlocked.Add(ref _corruptFound, corrupt);
        Interlocked.Add(ref _missingFound, missing);
    }

    public void RecordRepair(NeedleRepair outcome)
    {
        switch (outcome)
        {
            case NeedleRepair.Rewritten:
                Interlocked.Increment(ref _rewritten);
                break;
            case NeedleRepair.Appended:
                Interlocked.Increment(ref _appended);
                break;
            case NeedleRepair.AlreadyIntact:
                Interlocked.Increment(ref _alreadyIntact);
                break;
        }
    }

    private static IEnumerable<Measurement<long>> Observe(StoreScrubber scrubber, Func<ScrubCheckpoint, long> figure)
    {
        foreach (var state in scrubber.States)
        {
            yield return new Measurement<long>(figure(state.Checkpoint),
                new KeyValuePair<string, object?>("volume", state.Volume.Id.Value.ToString(CultureInfo.InvariantCulture)));
        }
    }
}
