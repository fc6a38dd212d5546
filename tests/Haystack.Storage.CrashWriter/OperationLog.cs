using System.Security.Cryptography;

namespace Haystack.Storage.CrashWriter;

/// <summary>
/// The lines the crash tests parse. "w" announces a write about to start, "W" confirms it was
/// acknowledged; "r" says a read served the needle before its "W" line; "x" and "X" do the same for deletes. Each line is flushed before the operation
/// (intent) or right after the acknowledgement, so the log never claims more than happened.
/// </summary>
public sealed class OperationLog(TextWriter output)
{
    private readonly Lock _lock = new();

    public void Ready() => Line("READY");

    public void WriteStarting(NeedleId id, uint cookie, ReadOnlySpan<byte> data) => Line($"w {id.Key} {id.AlternateKey} {cookie} {Hash(data)}");

    public void WriteAcknowledged(NeedleId id, uint cookie, ReadOnlySpan<byte> data) => Line($"W {id.Key} {id.AlternateKey} {cookie} {Hash(data)}");

    public void ReadBeforeAcknowledgement(NeedleId id, uint cookie, ReadOnlySpan<byte> data) => Line($"r {id.Key} {id.AlternateKey} {cookie} {Hash(data)}");

    public void DeleteStarting(NeedleId id) => Line($"x {id.Key} {id.AlternateKey}");

    public void DeleteAcknowledged(NeedleId id) => Line($"X {id.Key} {id.AlternateKey}");

    public void Compacted(uint revision) => Line($"C {revision}");

    private void Line(string text)
    {
        lock (_lock)
        {
            output.Write(text);
            output.Write(" .\n");
            output.Flush();
        }
    }

    private static string Hash(ReadOnlySpan<byte> data) => Convert.ToHexString(SHA256.HashData(data));
}
