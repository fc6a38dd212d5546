namespace Haystack.Storage;

/// <summary>Identifies one physical volume on a Store; also the stem of its file names.</summary>
public readonly record struct VolumeId(uint Value)
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
