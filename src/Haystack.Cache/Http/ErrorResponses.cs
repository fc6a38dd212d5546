using Haystack.Store.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Haystack.Cache.Http;

/// <summary>Writes every failure as <c>{"error": "..."}</c> with its status, like the Store does; a client that left gets nothing.</summary>
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
            catch (Exception) when (context.RequestAborted.IsCancellationRequested)
            {
                // The client is gone; there is nobody to answer.
            }
            catch (BadHttpRequestException e) when (!context.Response.HasStarted)
            {
                await WriteAsync(context, e.StatusCode, $"{context.Request.Method} {context.Request.Path}: {e.Message}");
            }
            catch (Exception e) when (!context.Response.HasStarted)
            {
                logger.LogError(e, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
                await WriteAsync(context, StatusCodes.Status500InternalServerError,
                    $"{context.Request.Method} {context.Request.Path} failed inside the cache; see its log.");
            }
        });
    }

    public static Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.Clear();
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ErrorBody(message));
    }

    public static IResult Result(int status, string message) => TypedResults.Json(new ErrorBody(message), statusCode: status);
}
