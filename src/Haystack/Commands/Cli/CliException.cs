namespace Haystack.Commands.Cli;

/// <summary>A failure the user can act on: the message says what went wrong and what to do; no stack trace is shown.</summary>
public sealed class CliException(string message, int exitCode = ExitCodes.Failure, Exception? inner = null)
    : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;
}
