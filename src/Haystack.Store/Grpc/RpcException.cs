namespace Haystack.Store.Grpc;

/// <summary>Thrown by a method handler to end the call with a status other than OK; the detail reaches the client.</summary>
public sealed class RpcException(StatusCode statusCode, string detail) : Exception(detail)
{
    public StatusCode StatusCode { get; } = statusCode;

    public string Detail { get; } = detail;
}
