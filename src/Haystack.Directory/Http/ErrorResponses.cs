using Haystack.Store.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Haystack.Directory.Http;

/// <summary>
/// Turns failures into <c>{"error": "..."}</c> responses: a <see cref="DirectoryException"/> gets its mapped
/// status, a malformed or cut request Kestrel's 4xx, anything unexpected a logged 500.
/// </summary>
internal static class ErrorResponses
{
    public static void UseErrorResponses(this IApplicationBuilder app, ILogger logger, DirectoryStats stats)
    {
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (DirectoryException e) when (!context.Response.HasStarted)
            {
                var status = StatusFor(e.Failure);
                if (status < StatusCodes.Status500InternalServerError)
                {
                    stats.RecordRejected();
                }
                await WriteAsync(context, status, e.Message);
            }
            catch (Exception) when (context.RequestAborted.IsCancellationRequested)
            {
                // The client is gone; there is nobody to answer.
            }
            catch (BadHttpRequestException e) when (!context.Response.HasStarted)
            {
                stats.RecordRejected();
                await WriteAsync(context, e.StatusCode, $"{context.Request.Method} {context.Request.Path}: {e.Message} Nothing was stored.");
            }
            catch (Exception e) when (!context.Response.HasStarted)
            {
                logger.LogError(e, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
                await WriteAsync(context, StatusCodes.Status500InternalServerError,
                    $"{context.Request.Method} {context.Request.Path} failed inside the directory; see its log.");
            }
        });
    }

    public static int StatusFor(DirectoryFailure failure) => failure switch
    {
        DirectoryFailure.InvalidArgument => StatusCodes.Status400BadRequest,
        DirectoryFailure.NotFound => StatusCodes.Status404NotFound,
        DirectoryFailure.TooLarge => StatusCodes.Status413PayloadTooLarge,
        _ => StatusCodes.Status503ServiceUnavailable,
    };

    private static Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.Clear();
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ErrorBody(message));
    }
}
