namespace Haystack.Operator.Volumes;

/// <summary>Whether a store serves one of its physical volumes.</summary>
public enum PhysicalVolumeState
{
    /// <summary>Open and serving.</summary>
    Serving,

    /// <summary>Its files are on the store but could not be opened (the store's <c>failed_volumes</c>).</summary>
    Failed,
}
