using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Haystack.Store.Http;

/// <summary>
/// Turns failures into <c>{"error": "..."}</c> responses: a <see cref="StoreException"/> gets its mapped status,
/// a malformed or cut request Kestrel's 4xx, anything unexpected a logged 500. A client that went away gets nothing.
/// </summary>
internal static class ErrorResponses
{
    public static void UseErrorResponses(this IApplicationBuilder app, ILogger logger)
    {
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (StoreException e) when (!context.Response.HasStarted)
            {
                await WriteAsync(context, HttpFailureStatus.For(e.Failure), e.Message);
            }
            catch (Exception) when (context.RequestAborted.IsCancellationRequested)
            {
                // The client is gone; there is nobody to answer.
            }
            catch (BadHttpRequestException e) when (!context.Response.HasStarted)
            {
                await WriteAsync(context, e.StatusCode, $"{context.Request.Method} {context.Request.Path}: {e.Message} Nothing was stored.");
            }
            catch (Exception e) when (!context.Response.HasStarted)
            {
                logger.LogError(e, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
                await WriteAsync(context, StatusCodes.Status500InternalServerError,
                    $"{context.Request.Method} {context.Request.Path} failed inside the store; see its log.");
            }
        });
    }

    public static Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.Clear();
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ErrorBody(message));
    }
}
