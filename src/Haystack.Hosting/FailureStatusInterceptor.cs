using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace Haystack.Hosting;

/// <summary>
/// Ends a call whose handler threw with the status the exception stands for: a server's own refusals through
/// <paramref name="statusFor"/>, anything unexpected as INTERNAL with a pointer to the log (Grpc.AspNetCore alone
/// would answer UNKNOWN). Cancellation and deadlines stay with the framework, which reports them itself.
/// </summary>
/// <param name="statusFor">The server's exception-to-status table; null for an exception it does not know.</param>
public sealed class FailureStatusInterceptor(Func<Exception, Status?> statusFor, ILogger<FailureStatusInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (IsOurs(e, context))
        {
            throw Translate(e, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (IsOurs(e, context))
        {
            throw Translate(e, context);
        }
    }

    private static bool IsOurs(Exception error, ServerCallContext context) =>
        error is not RpcException && !context.CancellationToken.IsCancellationRequested;

    private RpcException Translate(Exception error, ServerCallContext context)
    {
        if (statusFor(error) is { } status)
        {
            return new RpcException(status);
        }
        logger.LogError(error, "gRPC call {Method} failed", context.Method);
        return new RpcException(new Status(StatusCode.Internal, $"The call to {context.Method} failed inside the server; see its log."));
    }
}
