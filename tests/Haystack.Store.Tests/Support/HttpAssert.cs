using System.Net;
using System.Net.Http.Json;
using Haystack.Protocol;

namespace Haystack.Store.Tests.Support;

internal static class HttpAssert
{
    /// <summary>Asserts the status and the <c>{"error": ...}</c> body; returns the error message.</summary>
    public static async Task<string> ErrorAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<ErrorBody>();
        Assert.False(string.IsNullOrWhiteSpace(body?.Error));
        return body!.Error;
    }
}
