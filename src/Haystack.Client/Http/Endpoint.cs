namespace Haystack.Client.Http;

/// <summary>One server a request goes to: what it is (for messages) and its base URL, which ends in '/'.</summary>
internal sealed record Endpoint(string Role, Uri BaseUrl)
{
    public static Endpoint Of(string role, Uri url) => new(role, new Uri(url.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/"));

    public Uri Resolve(string relative) => new(BaseUrl, relative);
}
