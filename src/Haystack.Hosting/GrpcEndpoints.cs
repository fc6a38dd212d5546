using Grpc.AspNetCore.Server;
using Grpc.Core;
using Haystack.Hosting.Uploads;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Haystack.Hosting;

/// <summary>
/// The gRPC side of a server (Store and Directory): its service on Grpc.AspNetCore, the standard health service
/// (grpc.health.v1.Health, fed by the server's readiness check) and server reflection.
/// </summary>
public static class GrpcEndpoints
{
    /// <param name="maxReceiveMessageBytes">The largest request message; a larger one is refused with RESOURCE_EXHAUSTED.</param>
    /// <param name="statusFor">The server's exception-to-status table (see <see cref="FailureStatusInterceptor"/>).</param>
    public static void AddGrpcEndpoints<TReadiness>(this IServiceCollection services, string serviceName, int maxReceiveMessageBytes, Func<Exception, Status?> statusFor)
        where TReadiness : class, IHealthCheck
    {
        services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = maxReceiveMessageBytes;
            // Unknown methods are answered by UseUnknownMethodStatus, which names the method it does not know.
            grpc.IgnoreUnknownServices = true;
            grpc.Interceptors.Add<FailureStatusInterceptor>(statusFor);
        });
        services.AddGrpcReflection();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, GrpcOnlyOverHttp2Policy>());
        // Checked on each call rather than from the periodic publisher's cache, so a Check answers the readiness of now.
        services.AddGrpcHealthChecks(health =>
        {
            health.UseHealthChecksCache = false;
            health.Services.Map(serviceName, _ => true);
        }).AddCheck<TReadiness>("ready");
        // Watch streams what the publisher last saw: look every 5 s (the default waits 30 s), the checks cost a field read.
        services.Configure<HealthCheckPublisherOptions>(publisher =>
        {
            publisher.Delay = TimeSpan.Zero;
            publisher.Period = TimeSpan.FromSeconds(5);
        });
    }

    /// <summary>
    /// Answers a gRPC call that no gRPC endpoint matched with UNIMPLEMENTED and the method's name, in a
    /// trailers-only response. Runs after routing, so other requests pay one protocol comparison.
    /// </summary>
    public static void UseUnknownMethodStatus(this IApplicationBuilder app) => app.Use((context, next) =>
        HttpProtocol.IsHttp2(context.Request.Protocol) &&
        context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is null &&
        context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true
            ? AnswerUnimplemented(context.Response, context.Request.Path)
            : next(context));

    /// <summary>
    /// Maps the service, health and reflection. The service's calls read their request within the server's upload
    /// memory budget and are cut when their body stalls for <paramref name="uploadStallLimit"/> (<see cref="GrpcRequestBody"/>).
    /// </summary>
    public static void MapGrpcEndpoints<TService>(this IEndpointRouteBuilder routes, TimeSpan uploadStallLimit) where TService : class
    {
        var budget = routes.ServiceProvider.GetRequiredService<UploadMemoryBudget>();
        routes.MapGrpcService<TService>().Add(endpoint =>
        {
            var call = endpoint.RequestDelegate ?? throw new InvalidOperationException($"The gRPC endpoint {endpoint.DisplayName} has no request delegate.");
            endpoint.RequestDelegate = context => GrpcRequestBody.HandleAsync(context, call, budget, uploadStallLimit);
        });
        // Probes present no key; reflection shows the schema, which the protos publish anyway.
        routes.MapGrpcHealthChecksService().AllowAnyone();
        routes.MapGrpcReflectionService().AllowReads();
    }

    private static Task AnswerUnimplemented(HttpResponse response, PathString path)
    {
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)StatusCode.Unimplemented).ToString(System.Globalization.CultureInfo.InvariantCulture);
        // grpc-message is percent-encoded (grpc/doc/PROTOCOL-HTTP2.md); clients decode any %XX.
        response.Headers["grpc-message"] = Uri.EscapeDataString($"Method {path} is not implemented by this server.");
        return Task.CompletedTask;
    }
}
