namespace Haystack.Testing;

/// <summary>How a <see cref="ProcessCommand"/> ended and what it printed.</summary>
public sealed record ProcessResult(ProcessCommand Command, int ExitCode, string Output, string Error)
{
    /// <summary>Standard output then standard error, for checks on anything it printed.</summary>
    public string Printed => Output + Error;

    /// <summary>Standard output of a run that exited with 0; any other exit throws with both outputs in the message.</summary>
    public string Succeeded() => ExitCode == 0
        ? Output
        : throw new InvalidOperationException($"`{Command}` exited with {ExitCode}:\n{Error}\n{Output}");
}
