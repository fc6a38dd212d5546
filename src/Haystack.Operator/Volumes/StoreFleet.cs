namespace Haystack.Operator.Volumes;

/// <summary>A cluster's store pods at one moment of a reconcile, in ordinal order.</summary>
public sealed record StoreFleet(IReadOnlyList<StorePod> Pods)
{
    public static StoreFleet Empty { get; } = new([]);

    public StorePod? Find(string podName) => Pods.FirstOrDefault(p => p.Name == podName);

    /// <summary>The highest volume id any store reports, 0 when none: new ids go above it so no orphan is adopted by mistake.</summary>
    public uint HighestVolumeId => Pods.SelectMany(p => p.Volumes).Select(v => v.Id).DefaultIfEmpty(0u).Max();

    /// <summary>Whether any node carries a zone label: only then is spreading across zones asked for.</summary>
    public bool HasZones => Pods.Any(p => p.Zone is not null);

    /// <summary>The fleet after <paramref name="volume"/> was created on <paramref name="podNames"/>, for the next placement in the same reconcile.</summary>
    public StoreFleet WithVolume(IEnumerable<string> podNames, PhysicalVolume volume)
    {
        var names = podNames.ToHashSet();
        return new StoreFleet([.. Pods.Select(p => names.Contains(p.Name) && p.Find(volume.Id) is null
            ? p with { Volumes = [.. p.Volumes, volume] }
            : p)]);
    }
}
