namespace Haystack.Storage;

/// <summary>
/// The address of a needle inside a volume: the photo key plus an alternate key
/// (the size variant of the same photo, as in the Haystack paper).
/// </summary>
public readonly record struct NeedleId(ulong Key, uint AlternateKey) : IComparable<NeedleId>
{
    public int CompareTo(NeedleId other)
    {
        var byKey = Key.CompareTo(other.Key);
        return byKey != 0 ? byKey : AlternateKey.CompareTo(other.AlternateKey);
    }

    public override string ToString() => $"{Key:x}/{AlternateKey}";
}
