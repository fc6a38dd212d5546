using System.Globalization;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Haystack.Store.Grpc;

/// <summary>
/// A small gRPC server over Kestrel HTTP/2 (Grpc.AspNetCore cannot be restored here): routes
/// <c>POST /&lt;package.Service&gt;/&lt;Method&gt;</c> to a handler, reads the length-prefixed request, writes the
/// response message(s), then the grpc-status and grpc-message trailers. A call that fails before any message
/// was sent gets a trailers-only response (the status in the one HEADERS frame), as the spec asks.
/// </summary>
/// <param name="translateException">
/// Turns an application exception into the status the client should see (null: INTERNAL), so handlers can
/// throw their own domain errors.
/// </param>
public sealed class GrpcRouter(ILogger<GrpcRouter> logger, int maxReceiveMessageBytes, Func<Exception, RpcException?>? translateException = null)
{
    private const string GrpcContentType = "application/grpc";

    // Longer deadlines than this (CancelAfter's limit is about 49 days) are served as no deadline.
    private static readonly TimeSpan MaxDeadline = TimeSpan.FromDays(30);
    private readonly Dictionary<string, GrpcMethod> methods = new(StringComparer.Ordinal);

    /// <summary>The routed paths, e.g. <c>/haystack.store.v1.Store/Read</c>.</summary>
    public IReadOnlyCollection<string> Paths => methods.Keys;

    public GrpcRouter MapUnary<TRequest, TResponse>(string service, string method, Func<TRequest, ServerCallContext, Task<TResponse>> handler)
        where TRequest : IMessage<TRequest>, new()
        where TResponse : IMessage<TResponse> =>
        Add(service, method, new UnaryMethod<TRequest, TResponse>(handler));

    public GrpcRouter MapServerStreaming<TRequest, TResponse>(string service, string method,
        Func<TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task> handler)
        where TRequest : IMessage<TRequest>, new()
        where TResponse : IMessage<TResponse> =>
        Add(service, method, new ServerStreamingMethod<TRequest, TResponse>(handler));

    /// <summary>Serves one HTTP/2 request as a gRPC call; meant as the terminal middleware of a gRPC-only endpoint.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        if (!HttpMethods.IsPost(request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            response.Headers.Allow = HttpMethods.Post;
            return;
        }
        if (!IsGrpcContentType(request.ContentType))
        {
            response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        response.ContentType = GrpcContentType;
        response.Headers["grpc-accept-encoding"] = "identity";
        var path = request.Path.Value ?? string.Empty;
        if (!methods.TryGetValue(path, out var method))
        {
            WriteStatus(response, StatusCode.Unimplemented, $"Method {path} is not implemented by this server.");
            return;
        }

        var timeout = Timeout.InfiniteTimeSpan;
        var timeoutHeader = request.Headers["grpc-timeout"].ToString();
        if (timeoutHeader.Length > 0 && !GrpcTimeout.TryParse(timeoutHeader, out timeout))
        {
            WriteStatus(response, StatusCode.Internal, $"The grpc-timeout header '{timeoutHeader}' is malformed.");
            return;
        }

        using var callCancellation = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var deadline = DateTime.MaxValue;
        if (timeout != Timeout.InfiniteTimeSpan && timeout < MaxDeadline)
        {
            deadline = DateTime.UtcNow + timeout;
            callCancellation.CancelAfter(timeout);
        }

        var call = new ServerCallContext(path, context, deadline, callCancellation.Token);
        try
        {
            await method.InvokeAsync(call, maxReceiveMessageBytes);
            WriteStatus(response, StatusCode.OK, null);
        }
        catch (RpcException e)
        {
            WriteStatus(response, e.StatusCode, e.Detail);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away: there is nobody left to tell.
        }
        catch (OperationCanceledException) when (callCancellation.IsCancellationRequested)
        {
            WriteStatus(response, StatusCode.DeadlineExceeded, $"The call to {path} exceeded its {timeoutHeader} deadline.");
        }
        catch (Exception e) when (translateException?.Invoke(e) is { } translated)
        {
            WriteStatus(response, translated.StatusCode, translated.Detail);
        }
        catch (Exception e)
        {
            logger.LogError(e, "gRPC call {Method} failed", path);
            WriteStatus(response, StatusCode.Internal, $"The call to {path} failed inside the server; see its log.");
        }
    }

    private GrpcRouter Add(string service, string method, GrpcMethod handler)
    {
        methods.Add($"/{service}/{method}", handler);
        return this;
    }

    private static bool IsGrpcContentType(string? contentType) =>
        contentType is not null &&
        contentType.StartsWith(GrpcContentType, StringComparison.OrdinalIgnoreCase) &&
        (contentType.Length == GrpcContentType.Length || contentType[GrpcContentType.Length] is '+' or ';');

    private static void WriteStatus(HttpResponse response, StatusCode status, string? message)
    {
        var code = ((int)status).ToString(CultureInfo.InvariantCulture);
        var encoded = message is null ? null : GrpcStatusMessage.PercentEncode(message);
        if (!response.HasStarted)
        {
            response.Headers["grpc-status"] = code;
            if (encoded is not null)
            {
                response.Headers["grpc-message"] = encoded;
            }
            return;
        }
        response.AppendTrailer("grpc-status", code);
        if (encoded is not null)
        {
            response.AppendTrailer("grpc-message", encoded);
        }
    }
}
