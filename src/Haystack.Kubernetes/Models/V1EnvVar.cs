namespace Haystack.Kubernetes.Models;

/// <summary>core/v1 EnvVar: a literal value or one taken from the pod, a ConfigMap or a Secret.</summary>
public sealed class V1EnvVar
{
    public required string Name { get; set; }
    public string? Value { get; set; }
    public V1EnvVarSource? ValueFrom { get; set; }
}

/// <summary>core/v1 EnvVarSource.</summary>
public sealed class V1EnvVarSource
{
    public V1ObjectFieldSelector? FieldRef { get; set; }
    public V1ConfigMapKeySelector? ConfigMapKeyRef { get; set; }
    public V1SecretKeySelector? SecretKeyRef { get; set; }
}

/// <summary>core/v1 ObjectFieldSelector (downward API), e.g. <c>metadata.name</c>, <c>spec.nodeName</c>.</summary>
public sealed class V1ObjectFieldSelector
{
    public required string FieldPath { get; set; }
    public string? ApiVersion { get; set; }
}

/// <summary>core/v1 ConfigMapKeySelector.</summary>
public sealed class V1ConfigMapKeySelector
{
    public required string Name { get; set; }
    public required string Key { get; set; }
    public bool? Optional { get; set; }
}

/// <summary>core/v1 SecretKeySelector.</summary>
public sealed class V1SecretKeySelector
{
    public required string Name { get; set; }
    public required string Key { get; set; }
    public bool? Optional { get; set; }
}
