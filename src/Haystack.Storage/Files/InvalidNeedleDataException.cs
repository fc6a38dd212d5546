namespace Haystack.Storage.Files;

/// <summary>
/// The scanner found bytes that are not a whole valid needle. Recovery treats it as a torn tail;
/// compaction and enumeration turn it into a <see cref="NeedleCorruptException"/>.
/// </summary>
internal sealed class InvalidNeedleDataException(long offset, string problem)
    : Exception($"no valid needle at offset {offset}: {problem}")
{
    public long Offset { get; } = offset;
    public string Problem { get; } = problem;
}
