using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Haystack.Client.Tests.Support;

/// <summary>What the stub servers answer, shaped like the real servers' answers.</summary>
public static class StubAnswers
{
    public static readonly Haystack.Client.PhotoId Photo = Haystack.Client.PhotoId.Parse("3,1a2b3c4d5e6f");

    public static async Task ErrorAsync(HttpContext context, int status, string message, string? retryAfter = null)
    {
        context.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }
        await context.Response.WriteAsJsonAsync(new { error = message });
    }

    public static async Task UploadedAsync(HttpContext context) =>
        await WriteAsync(context, 201, new { id = Photo.ToString(), url = $"http://127.0.0.1:7080/{Photo}", volume = Photo.VolumeId, size = 5 });

    public static async Task PhotoAsync(HttpContext context, byte[] data)
    {
        context.Response.ContentType = "image/jpeg";
        context.Response.Headers["X-Cache"] = "MISS";
        await context.Response.Body.WriteAsync(data);
    }

    public static async Task LookupAsync(HttpContext context, params Uri[] stores) =>
        await WriteAsync(context, 200, new { volume = Photo.VolumeId, state = "writable", locations = stores.Select(store => new { url = store.ToString() }) });

    /// <summary>Never answers; ends when the client gives up on the request.</summary>
    public static Task SilenceAsync(HttpContext context) => Task.Delay(Timeout.Infinite, context.RequestAborted)
        .ContinueWith(_ => { }, TaskScheduler.Default);

    private static async Task WriteAsync(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
