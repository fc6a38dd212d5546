namespace Haystack.Kubernetes;

/// <summary>Query parameters of a list call. <see cref="Continue"/> is the token of the previous page.</summary>
public sealed record ListOptions(
    string? LabelSelector = null,
    string? FieldSelector = null,
    int? Limit = null,
    string? Continue = null,
    string? ResourceVersion = null);
