namespace Haystack.Directory.Kubernetes;

/// <summary>The spec fields of a <c>Volume</c> the Directory reads.</summary>
public sealed class VolumeResourceSpec
{
    public string ClusterName { get; set; } = "";
    public long Id { get; set; }
    public int Replicas { get; set; }
    public long SizeLimitBytes { get; set; }
}
