namespace Haystack.Tests.Security;

/// <summary>One request the walk sends: an HTTP method and path on a server's HTTP port, or a gRPC method on its gRPC port.</summary>
public sealed record EndpointCall(string Method, string Path, bool IsGrpc)
{
    /// <summary>How the public lists in the tests name it: "GET /healthz", "grpc /haystack.store.v1.Store/Read".</summary>
    public string Name => IsGrpc ? $"grpc {Path}" : $"{Method} {Path}";

    public bool IsMutating => IsGrpc || Method is not ("GET" or "HEAD");

    public override string ToString() => Name;
}
