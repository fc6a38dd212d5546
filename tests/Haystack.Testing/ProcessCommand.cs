namespace Haystack.Testing;

/// <summary>A program to run to completion: its arguments, where and with what, and how long it may take.</summary>
public sealed record ProcessCommand(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>The folder it runs in; null: the test's.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Variables set (or replaced) on top of the test's environment; a null value removes the variable.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Written to its standard input, which is then closed; null: no input (stdin closed at once).</summary>
    public string? Input { get; init; }

    /// <summary>Past this the process and its children are killed and the run fails with a <see cref="TimeoutException"/>.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The command line, for failure messages.</summary>
    public override string ToString() => string.Join(' ', [FileName, .. Arguments]);
}
