namespace Haystack.Tests.Support;

/// <summary>What one run of a <c>haystack</c> verb printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
