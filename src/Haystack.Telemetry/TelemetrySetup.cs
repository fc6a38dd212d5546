using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Context.Propagation;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Haystack.Telemetry;

/// <summary>
/// The OpenTelemetry setup every role shares: its meters and ASP.NET Core's, Kestrel's and HttpClient's, exported on
/// <c>/metrics</c> in the Prometheus format; ASP.NET Core and HttpClient spans with W3C trace context and a
/// parent-based ratio sampler; OTLP export of all three signals when OTEL_EXPORTER_OTLP_ENDPOINT is set; the console
/// log format. A role calls <see cref="AddHaystackTelemetry"/> on its builder and <see cref="MapMetrics"/> on its app.
/// </summary>
public static class TelemetrySetup
{
    /// <param name="serviceName">The resource's service.name, e.g. haystack-store.</param>
    /// <param name="names">The role's meters and activity sources (<see cref="TelemetryNames"/>).</param>
    public static void AddHaystackTelemetry(this IHostApplicationBuilder builder, string serviceName, TelemetryOptions options, params string[] names)
    {
        options.Validate();
        builder.Services.AddSingleton(options);
        ConsoleLogFormat.Apply(builder.Logging, options.LogFormat);
        if (!options.Enabled)
        {
            return;
        }

        // W3C trace context only: with the default (trace context and baggage) the ASP.NET Core instrumentation parses
        // the headers a second time on every request. The roles carry no baggage.
        Sdk.SetDefaultTextMapPropagator(new TraceContextPropagator());
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddMeter([TelemetryNames.AspNetCoreHosting, TelemetryNames.Kestrel, TelemetryNames.HttpClient, .. names])
                // Two updates on every request for a figure the request duration's rate already gives; left out, ASP.NET
                // Core skips it (measured in docs/benchmarks.md).
                .AddView("http.server.active_requests", MetricStreamConfiguration.Drop)
                .AddPrometheusExporter())
            .WithTracing(tracing =>
            {
                tracing.AddSource(names)
                    .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => TracedRequests.Includes(context.Request.Path))
                    .AddHttpClientInstrumentation();
                if (Environment.GetEnvironmentVariable("OTEL_TRACES_SAMPLER") is null)
                {
                    tracing.SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.TraceSampleRatio)));
                }
                foreach (var processor in options.SpanProcessors)
                {
                    tracing.AddProcessor(processor);
                }
            });
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")))
        {
            telemetry.UseOtlpExporter();
        }
    }

    /// <summary>
    /// <c>GET /metrics</c>: a literal route, so it wins over a role's <c>/{photoId}</c> route. Scrapes are left out of
    /// the request metrics they report. Nothing is mapped when telemetry is off (the role's fallback answers 404).
    /// </summary>
    public static void MapMetrics(this IEndpointRouteBuilder routes)
    {
        if (routes.ServiceProvider.GetRequiredService<TelemetryOptions>().Enabled)
        {
            routes.MapPrometheusScrapingEndpoint().DisableHttpMetrics();
        }
    }
}
