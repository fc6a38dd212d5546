using Haystack.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Haystack.Hosting;

/// <summary>
/// Turns failures into <c>{"error": "..."}</c> responses, the same way on every server (Store, Directory, Cache), so
/// only <see cref="ErrorResponseRules"/> differ: the server's own exception gets its mapped status, a malformed or cut
/// request Kestrel's 4xx, anything unexpected a logged 500 naming the server. A client that went away gets nothing.
/// </summary>
public static class ErrorResponses
{
    public static void UseErrorResponses(this IApplicationBuilder app, ILogger logger, ErrorResponseRules rules)
    {
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception e) when (!context.Response.HasStarted && rules.StatusOf(e) is int status)
            {
                if (status < StatusCodes.Status500InternalServerError)
                {
                    rules.Rejected?.Invoke();
                }
                await WriteAsync(context, status, e.Message, rules.CodeOf(e));
            }
            catch (Exception) when (context.RequestAborted.IsCancellationRequested)
            {
                // The client is gone; there is nobody to answer.
            }
            catch (BadHttpRequestException e) when (!context.Response.HasStarted)
            {
                rules.Rejected?.Invoke();
                await WriteAsync(context, e.StatusCode, $"{context.Request.Method} {context.Request.Path}: {e.Message}{rules.BadRequestNote}");
            }
            catch (Exception e) when (!context.Response.HasStarted)
            {
                logger.LogError(e, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
                await WriteAsync(context, StatusCodes.Status500InternalServerError,
                    $"{context.Request.Method} {context.Request.Path} failed inside the {rules.ServerName}; see its log.");
            }
        });
    }

    public static Task WriteAsync(HttpContext context, int status, string message, string? code = null)
    {
        context.Response.Clear();
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ErrorBody(message, code));
    }
}
