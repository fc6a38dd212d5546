namespace Haystack.Store.Grpc;

/// <summary>One routable method: reads its request message(s) from the call and writes its response message(s).</summary>
internal abstract class GrpcMethod
{
    public abstract Task InvokeAsync(ServerCallContext call, int maxReceiveMessageBytes);
}
