using System.CommandLine;

namespace Haystack.Commands.Cli;

/// <summary>
/// The <c>--directory</c> and <c>--cache</c> options every client verb shares. Defaults are the
/// <c>haystack dev</c> ports; the HAYSTACK_DIRECTORY and HAYSTACK_CACHE environment variables override them.
/// </summary>
public static class ServerOptions
{
    public const string DefaultDirectoryUrl = "http://127.0.0.1:7070";
    public const string DefaultCacheUrl = "http://127.0.0.1:7080";

    /// <summary>The directory a verb uses when given none.</summary>
    public static string DirectoryUrl => Environment.GetEnvironmentVariable("HAYSTACK_DIRECTORY") ?? DefaultDirectoryUrl;

    /// <summary>The cache a verb uses when given none.</summary>
    public static string CacheUrl => Environment.GetEnvironmentVariable("HAYSTACK_CACHE") ?? DefaultCacheUrl;

    public static Option<string> Directory(string description = "Directory server URL.") => new("--directory")
    {
        Description = $"{description} Default: $HAYSTACK_DIRECTORY or {DefaultDirectoryUrl}.",
        DefaultValueFactory = _ => DirectoryUrl,
    };

    public static Option<string> Cache(string description = "Cache server URL.") => new("--cache")
    {
        Description = $"{description} Default: $HAYSTACK_CACHE or {DefaultCacheUrl}.",
        DefaultValueFactory = _ => CacheUrl,
    };
}
