namespace Haystack.Directory.Http;

/// <summary>One replica's store, as SeaweedFS clients expect it: <c>{"url": "http://127.0.0.1:7101"}</c>.</summary>
public sealed record Location(string Url)
{
    public static Location Of(Uri store) => new(store.GetLeftPart(UriPartial.Authority));

    public static IReadOnlyList<Location> Of(IEnumerable<Uri> stores) => [.. stores.Select(Of)];
}
