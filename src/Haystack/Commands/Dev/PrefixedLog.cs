namespace Haystack.Commands.Dev;

/// <summary>The dev console: every child's lines, each prefixed with the child's name, never interleaved mid-line.</summary>
internal sealed class PrefixedLog(TextWriter output, int nameWidth)
{
    private readonly Lock _gate = new();

    public void Write(string name, string line)
    {
        lock (_gate)
        {
            output.WriteLine($"{("[" + name + "]").PadRight(nameWidth + 2)} {line}");
            output.Flush();
        }
    }
}
