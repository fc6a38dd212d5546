using Microsoft.Extensions.Logging;

namespace Haystack.Telemetry;

/// <summary>
/// Switches the console logger to JSON: one object per line with the message template's fields (PhotoId, VolumeId,
/// Store...) as properties and the scopes ASP.NET Core opens per request (TraceId, SpanId, RequestPath), in UTC.
/// </summary>
internal static class ConsoleLogFormat
{
    public static void Apply(ILoggingBuilder logging, LogFormat format)
    {
        if (format != LogFormat.Json)
        {
            return;
        }
        logging.AddJsonConsole(json =>
        {
            json.IncludeScopes = true;
            json.UseUtcTimestamp = true;
            json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
    }
}
