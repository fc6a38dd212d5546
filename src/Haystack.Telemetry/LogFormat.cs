namespace Haystack.Telemetry;

/// <summary>How a server writes its log lines to the console.</summary>
public enum LogFormat
{
    /// <summary>ASP.NET Core's simple console lines, for people.</summary>
    Text,

    /// <summary>One JSON object per line with the message template's fields and the scopes (trace id, request path), for log collectors.</summary>
    Json,
}
