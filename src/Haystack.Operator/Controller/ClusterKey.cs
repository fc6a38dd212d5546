namespace Haystack.Operator.Controller;

/// <summary>The identity of a HaystackCluster in the work queue.</summary>
public readonly record struct ClusterKey(string Namespace, string Name)
{
    public override string ToString() => $"{Namespace}/{Name}";
}
