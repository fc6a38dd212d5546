namespace Haystack.Operator.Builders;

/// <summary>The roles a cluster's pods play; the value of the app.kubernetes.io/component label.</summary>
public static class HaystackComponent
{
    public const string Store = "store";
    public const string Directory = "directory";
    public const string Cache = "cache";
    public const string Config = "config";
    public const string Rbac = "rbac";
    public const string Compaction = "compaction";
    public const string Auth = "auth";
}
