namespace Haystack.Commands.Cli;

/// <summary>Exit codes of the client and tool verbs, so scripts can tell "failed" from "could not ask".</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The request was refused or failed, something was not found, or data is corrupt.</summary>
    public const int Failure = 1;

    /// <summary>The arguments cannot work (bad URL, bad photo id, missing file).</summary>
    public const int Usage = 2;

    /// <summary>A server could not be reached at all.</summary>
    public const int Unreachable = 3;

    /// <summary>Stopped by Ctrl+C or SIGTERM.</summary>
    public const int Interrupted = 130;
}
