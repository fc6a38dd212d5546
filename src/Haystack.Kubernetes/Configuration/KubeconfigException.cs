namespace Haystack.Kubernetes.Configuration;

/// <summary>A kubeconfig or in-cluster configuration cannot be used; the message says which file and which entry.</summary>
public sealed class KubeconfigException(string message, Exception? inner = null) : Exception(message, inner);
