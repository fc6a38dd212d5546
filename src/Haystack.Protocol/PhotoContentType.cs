namespace Haystack.Protocol;

/// <summary>The content type a photo stored without one is served with, by the Store and by the Cache.</summary>
public static class PhotoContentType
{
    public const string Default = "application/octet-stream";
}
