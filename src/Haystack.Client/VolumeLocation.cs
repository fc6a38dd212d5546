namespace Haystack.Client;

/// <summary>The Directory's answer to a lookup: a volume's state and its replicas' stores, healthy ones first.</summary>
/// <param name="Volume">The logical volume.</param>
/// <param name="State">What it accepts.</param>
/// <param name="Replicas">The base URLs of the stores holding a replica, in the order to try them.</param>
public sealed record VolumeLocation(uint Volume, VolumeState State, IReadOnlyList<Uri> Replicas);
