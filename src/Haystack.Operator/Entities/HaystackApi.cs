namespace Haystack.Operator.Entities;

/// <summary>
/// The API group and version of Haystack's custom resources. v1alpha1: fields may still change between
/// releases without a conversion webhook; the storage version is the only served version.
/// </summary>
public static class HaystackApi
{
    public const string Group = "haystack.io";
    public const string Version = "v1alpha1";
    public const string ApiVersion = Group + "/" + Version;
    public const string Category = "haystack";
    public const string ClusterKind = "HaystackCluster";
    public const string VolumeKind = "Volume";
}
