namespace Haystack.Hosting;

/// <summary>
/// Endpoint metadata saying who may call it (<see cref="AccessLevel"/>); read by <see cref="KeyGuard"/>. Put it on a gRPC
/// service method (Grpc.AspNetCore copies method attributes into the endpoint's metadata) or add it to an HTTP endpoint
/// with <see cref="AccessConventions"/>. Endpoints without it need the write key.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, Inherited = false)]
public sealed class AccessAttribute(AccessLevel level) : Attribute
{
    public AccessLevel Level { get; } = level;
}
