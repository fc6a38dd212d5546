using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Haystack.Telemetry;

namespace Haystack.Commands.Cli;

/// <summary>
/// The <c>--log-format</c> and <c>--trace-sample-ratio</c> options of every server verb, with the HAYSTACK_LOG_FORMAT
/// and HAYSTACK_TRACE_SAMPLE_RATIO environment variables as defaults (so <c>haystack dev</c>'s children inherit them).
/// OpenTelemetry's own variables (OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_TRACES_SAMPLER, OTEL_SDK_DISABLED) apply as well.
/// </summary>
public sealed class TelemetryArguments
{
    private readonly Option<LogFormat> _logFormat = new("--log-format")
    {
        Description = "Console log lines: text, or json (one object per line with photo and volume ids as fields). Default: $HAYSTACK_LOG_FORMAT or text.",
        DefaultValueFactory = result => FromEnvironment("HAYSTACK_LOG_FORMAT", LogFormat.Text, result, text => Enum.TryParse<LogFormat>(text, ignoreCase: true, out var format) ? format : null),
    };

    private readonly Option<double> _traceSampleRatio = new("--trace-sample-ratio")
    {
        Description = "Share of requests, 0 to 1, that start a trace (requests inside a sampled trace always follow it). " +
            $"Default: $HAYSTACK_TRACE_SAMPLE_RATIO or {TelemetryOptions.DefaultTraceSampleRatio.ToString(CultureInfo.InvariantCulture)}.",
        DefaultValueFactory = result => FromEnvironment("HAYSTACK_TRACE_SAMPLE_RATIO", TelemetryOptions.DefaultTraceSampleRatio, result,
            text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var ratio) ? ratio : null),
    };

    public TelemetryArguments()
    {
        _traceSampleRatio.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is var ratio && (double.IsNaN(ratio) || ratio is < 0 or > 1))
            {
                result.AddError($"--trace-sample-ratio must be between 0 and 1, not {ratio.ToString(CultureInfo.InvariantCulture)}.");
            }
        });
    }

    public void AddTo(Command command)
    {
        command.Options.Add(_logFormat);
        command.Options.Add(_traceSampleRatio);
    }

    public TelemetryOptions Read(ParseResult result) => new()
    {
        LogFormat = result.GetValue(_logFormat),
        TraceSampleRatio = result.GetValue(_traceSampleRatio),
    };

    private static T FromEnvironment<T>(string variable, T fallback, ArgumentResult result, Func<string, T?> parse)
        where T : struct
    {
        if (Environment.GetEnvironmentVariable(variable) is not { Length: > 0 } text)
        {
            return fallback;
        }
        if (parse(text) is { } value)
        {
            return value;
        }
        result.AddError($"${variable} is '{text}', which {result.Argument.Name} does not accept.");
        return fallback;
    }
}
