namespace Haystack.Directory.Kubernetes;

/// <summary>One replica of a <c>Volume</c>: the store pod that holds it.</summary>
public sealed class VolumeResourcePlacement
{
    public string Pod { get; set; } = "";

    /// <summary>Healthy, Missing or Rebuilding.</summary>
    public string? State { get; set; }
}
