using System.Net.Http.Headers;

namespace Haystack.Protocol;

/// <summary>
/// Adds <c>Authorization: Bearer &lt;key&gt;</c> to every request a server sends to another (directory to stores and
/// caches, cache to directory and stores), so no call site has to remember it. A request that carries its own is left alone.
/// </summary>
public sealed class KeyPresenter(string key, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly AuthenticationHeaderValue _header = new("Bearer", key);

    /// <summary>The handler with the key in front of it, or the handler alone when there is no key to present.</summary>
    public static HttpMessageHandler Wrap(HttpMessageHandler handler, AccessKeys keys) =>
        keys.Presented is { } key ? new KeyPresenter(key, handler) : handler;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization ??= _header;
        return base.SendAsync(request, cancellationToken);
    }
}
