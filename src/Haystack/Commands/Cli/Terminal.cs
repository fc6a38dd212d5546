using Spectre.Console;

namespace Haystack.Commands.Cli;

/// <summary>
/// Table output that stays readable in a pipe or a file: no colour or cursor escapes, and a width that does not
/// wrap URLs (Spectre.Console assumes 80 columns when it cannot ask a terminal).
/// </summary>
public static class Terminal
{
    private const int RedirectedWidth = 160;

    public static void PrepareForTables()
    {
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = RedirectedWidth;
            AnsiConsole.Profile.Capabilities.Ansi = false;
            AnsiConsole.Profile.Capabilities.ColorSystem = ColorSystem.NoColors;
        }
    }
}
