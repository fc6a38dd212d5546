namespace Haystack.Kubernetes.Fake;

/// <summary>One request the fake served, for tests that assert on what a client sent.</summary>
public sealed record RecordedRequest(
    string Method, string Path, string Query, string? ContentType, string? FieldManager, string? Authorization, int StatusCode);
