using System.CommandLine;
using Haystack.Client;
using Haystack.Storage;

namespace Haystack.Commands.Cli;

/// <summary>Runs a verb's action and turns expected failures into one line on stderr and an exit code.</summary>
public static class CliAction
{
    public static void SetGuardedAction(this Command command, Func<ParseResult, CancellationToken, Task<int>> action) =>
        command.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                return await action(result, cancellationToken);
            }
            catch (CliException error)
            {
                return Fail(error.Message, error.ExitCode);
            }
            catch (HaystackException error)
            {
                var failure = error.ToCliException();
                return Fail(failure.Message, failure.ExitCode);
            }
            catch (VolumeFormatException error)
            {
                return Fail(error.Message, ExitCodes.Failure); // the tool verbs' files: the message names the file
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return Fail("interrupted.", ExitCodes.Interrupted);
            }
        });

    private static int Fail(string message, int exitCode)
    {
        Console.Error.WriteLine($"haystack: {message}");
        return exitCode;
    }
}
