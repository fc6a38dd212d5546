using System.CommandLine;
using Haystack.Client;

namespace Haystack.Commands.Cli;

/// <summary>The ID argument of get/delete/locate, checked before any server is asked.</summary>
public static class PhotoIdArgument
{
    public static Argument<string> Create() => new("id")
    {
        Description = "Photo id as upload printed it: <volume>,<key hex><cookie 8 hex>[_<alternate key>], e.g. 3,1a2b3c4d5e6f.",
    };

    public static PhotoId Parse(string text) => PhotoId.TryParse(text.AsSpan().Trim(), out var id, out var problem)
        ? id
        : throw new CliException($"{problem}.", ExitCodes.Usage);
}
