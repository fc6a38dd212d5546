namespace Haystack.Telemetry;

/// <summary>
/// The meter and activity source names of the roles (the engine's, Haystack.Storage.StorageMetrics.MeterName, lives
/// with the engine). A role passes the names it exports to <see cref="TelemetrySetup.AddHaystackTelemetry"/>; an
/// instrument on a name not passed there is never exported.
/// </summary>
public static class TelemetryNames
{
    public const string Store = "Haystack.Store";

    public const string Directory = "Haystack.Directory";

    public const string Cache = "Haystack.Cache";

    public const string Operator = "Haystack.Operator";

    /// <summary>ASP.NET Core's request meter: http.server.request.duration and http.server.active_requests.</summary>
    internal const string AspNetCoreHosting = "Microsoft.AspNetCore.Hosting";

    /// <summary>Kestrel's connection meter: kestrel.active_connections, kestrel.connection.duration.</summary>
    internal const string Kestrel = "Microsoft.AspNetCore.Server.Kestrel";

    /// <summary>HttpClient's meter: http.client.request.duration and open connections, for calls to other roles.</summary>
    internal const string HttpClient = "System.Net.Http";
}
