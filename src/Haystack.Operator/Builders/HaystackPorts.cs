namespace Haystack.Operator.Builders;

/// <summary>The ports every role of the haystack binary listens on inside its pod.</summary>
public static class HaystackPorts
{
    public const int Http = 8080;

    /// <summary>The store's gRPC port: its HTTP port + 1, the store's own default.</summary>
    public const int Grpc = 8081;

    public const string HttpName = "http";
    public const string GrpcName = "grpc";
}
