using System.Net;
using Haystack.Operator.Controller;
using Haystack.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Haystack.Operator.Hosting;

/// <summary>
/// The operator's small HTTP listener: <c>/metrics</c> (Prometheus), <c>/healthz</c> (the process serves requests)
/// and <c>/readyz</c> (<see cref="OperatorReadiness"/>: 200, or 503 with the reason). Its services also give the
/// operator its loggers (with the console log format) and its <see cref="OperatorMetrics"/>.
/// </summary>
public static class OperatorListener
{
    public const string ServiceName = "haystack-operator";

    /// <param name="address">Where to listen; port 0 takes a free port (tests).</param>
    public static WebApplication Create(IPEndPoint address, TelemetryOptions telemetry)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address));
        builder.AddHaystackTelemetry(ServiceName, telemetry, TelemetryNames.Operator);
        builder.Services.AddSingleton<OperatorReadiness>();
        builder.Services.AddSingleton<OperatorMetrics>();

        var app = builder.Build();
        // Created once OpenTelemetry listens (its hosted service has started), so the zero series are recorded and
        // the gauges are there from the first scrape on.
        app.Lifetime.ApplicationStarted.Register(() => app.Services.GetRequiredService<OperatorMetrics>());
        app.MapMetrics();
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", (OperatorReadiness readiness) => readiness.Reason is { } reason
            ? Results.Text($"not ready: {reason}\n", statusCode: StatusCodes.Status503ServiceUnavailable)
            : Results.Text("ok\n"));
        return app;
    }
}
