using System.Diagnostics;
using OpenTelemetry;

namespace Haystack.Telemetry;

/// <summary>How a server reports on itself: log format, trace sampling, and whether OpenTelemetry runs at all.</summary>
public sealed record TelemetryOptions
{
    /// <summary>
    /// One request in a hundred starts a trace: enough to see where an upload or a miss spends its time, cheap enough
    /// for the GET path (unsampled requests record nothing). Requests that arrive inside a sampled trace always follow it.
    /// </summary>
    public const double DefaultTraceSampleRatio = 0.01;

    public LogFormat LogFormat { get; init; } = LogFormat.Text;

    /// <summary>
    /// Share of requests without a sampled parent that start a trace, 0..1. The standard OTEL_TRACES_SAMPLER, when
    /// set, replaces this sampler altogether.
    /// </summary>
    public double TraceSampleRatio { get; init; } = DefaultTraceSampleRatio;

    /// <summary>
    /// False turns OpenTelemetry off: no /metrics, no traces (logs still go to the console). Defaults to the
    /// standard OTEL_SDK_DISABLED.
    /// </summary>
    public bool Enabled { get; init; } = !IsTrue(Environment.GetEnvironmentVariable("OTEL_SDK_DISABLED"));

    /// <summary>Span processors added after the configured exporters, for a program that embeds a server (and tests).</summary>
    public IReadOnlyList<BaseProcessor<Activity>> SpanProcessors { get; init; } = [];

    /// <summary>Throws when a setting cannot work, naming it.</summary>
    public void Validate()
    {
        if (double.IsNaN(TraceSampleRatio) || TraceSampleRatio is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(TraceSampleRatio), TraceSampleRatio,
                "The trace sample ratio is a share between 0 (only traces started upstream) and 1 (every request).");
        }
        if (!Enum.IsDefined(LogFormat))
        {
            throw new ArgumentOutOfRangeException(nameof(LogFormat), LogFormat, "The log format is text or json.");
        }
    }

    private static bool IsTrue(string? value) => string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
}
