namespace Haystack.Kubernetes;

/// <summary>Any object the API server serves: shaped like KubernetesClient's interface of the same name.</summary>
public interface IKubernetesObject
{
    string ApiVersion { get; set; }
    string Kind { get; set; }
}

/// <summary>An object with standard metadata.</summary>
public interface IKubernetesObject<TMetadata> : IKubernetesObject
{
    TMetadata Metadata { get; set; }
}
