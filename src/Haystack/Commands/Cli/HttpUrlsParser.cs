using System.CommandLine.Parsing;

namespace Haystack.Commands.Cli;

/// <summary>The parser of server options that take peers' base URLs (--store, --cache, --node, --directory).</summary>
public static class HttpUrlsParser
{
    /// <summary>Absolute http(s) URLs; anything else is a parse error naming the value.</summary>
    public static Uri[] Parse(ArgumentResult result)
    {
        var urls = new List<Uri>();
        foreach (var token in result.Tokens)
        {
            if (Uri.TryCreate(token.Value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
            {
                urls.Add(url);
            }
            else
            {
                result.AddError($"'{token.Value}' is not an http(s) URL such as http://127.0.0.1:7070.");
            }
        }
        return [.. urls];
    }
}
