using Google.Protobuf;

namespace Haystack.Store.Grpc;

internal sealed class ServerStreamingMethod<TRequest, TResponse>(Func<TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task> handler)
    : GrpcMethod
    where TRequest : IMessage<TRequest>, new()
    where TResponse : IMessage<TResponse>
{
    private static readonly MessageParser<TRequest> Parser = new(() => new TRequest());

    public override async Task InvokeAsync(ServerCallContext call, int maxReceiveMessageBytes)
    {
        var request = await GrpcMessageReader.ReadSingleAsync(call.HttpContext.Request.BodyReader, Parser, maxReceiveMessageBytes, call.CancellationToken);
        await handler(request, new ResponseStreamWriter<TResponse>(call.HttpContext.Response), call);
    }
}
