namespace Haystack.Storage.Benchmarking;

/// <summary>How <see cref="SyntheticVolume"/> chooses keys.</summary>
public enum SyntheticKeys
{
    /// <summary>1, 2, 3, ...: what the Directory hands out; packs into the map's sections.</summary>
    Ascending,

    /// <summary>Uniformly random 64-bit keys: the map's worst case (overflow dictionary).</summary>
    Random,
}
