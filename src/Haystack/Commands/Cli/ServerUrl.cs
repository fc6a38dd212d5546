namespace Haystack.Commands.Cli;

/// <summary>Parses a server URL given on the command line into a base address ending in '/'.</summary>
public static class ServerUrl
{
    public static Uri Parse(string text, string role)
    {
        var trimmed = text.Trim();
        if (!trimmed.Contains("://", StringComparison.Ordinal))
        {
            trimmed = "http://" + trimmed; // "127.0.0.1:7070" is what people type
        }
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliException($"'{text}' is not a usable {role} URL; expected something like http://127.0.0.1:7070.", ExitCodes.Usage);
        }
        return new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");
    }
}
