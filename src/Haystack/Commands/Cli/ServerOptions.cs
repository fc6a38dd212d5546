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

    public static Option<string> Directory(string description = "Directory server URL.") => new("--directory")
    {
        Description = $"{description} Default: $HAYSTACK_DIRECTORY or {DefaultDirectoryUrl}.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("HAYSTACK_DIRECTORY") ?? DefaultDirectoryUrl,
    };

    public static Option<string> Cache(string description = "Cache server URL.") => new("--cache")
    {
        Description = $"{description} Default: $HAYSTACK_CACHE or {DefaultCacheUrl}.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("HAYSTACK_CACHE") ?? DefaultCacheUrl,
    };
}
