using System.CommandLine;
using Haystack.Hosting;
using Haystack.Protocol;

namespace Haystack.Commands.Cli;

/// <summary>What a server verb read from <see cref="SecurityArguments"/>: the keys it accepts and presents, its certificate, the CA it trusts.</summary>
public sealed record ServerSecurity(AccessKeys Keys, ServerTls? Tls, TrustedAuthority? TrustedCa)
{
    /// <summary>The server's settings, or null after printing which file or variable is wrong.</summary>
    public static ServerSecurity? TryRead(SecurityArguments arguments, ParseResult result, string verb)
    {
        try
        {
            return new ServerSecurity(arguments.ServerKeys(result), arguments.ServerTls(result), SecurityArguments.ClientTrust(result));
        }
        catch (CliException e)
        {
            Console.Error.WriteLine($"haystack {verb}: {e.Message}");
            return null;
        }
    }
}
