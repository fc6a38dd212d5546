namespace Haystack.Install.Tests.Support;

/// <summary>What a command printed and how it ended.</summary>
internal sealed record ToolResult(string Command, int ExitCode, string Output, string Error)
{
    /// <summary>Standard output, after asserting the command succeeded (its errors in the message otherwise).</summary>
    public string Succeeded()
    {
        Assert.True(ExitCode == 0, $"`{Command}` exited with {ExitCode}:\n{Error}{Output}");
        return Output;
    }
}
