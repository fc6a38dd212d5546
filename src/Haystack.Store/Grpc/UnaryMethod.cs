using Google.Protobuf;

namespace Haystack.Store.Grpc;

internal sealed class UnaryMethod<TRequest, TResponse>(Func<TRequest, ServerCallContext, Task<TResponse>> handler) : GrpcMethod
    where TRequest : IMessage<TRequest>, new()
    where TResponse : IMessage<TResponse>
{
    private static readonly MessageParser<TRequest> Parser = new(() => new TRequest());

    public override async Task InvokeAsync(ServerCallContext call, int maxReceiveMessageBytes)
    {
        var request = await GrpcMessageReader.ReadSingleAsync(call.HttpContext.Request.BodyReader, Parser, maxReceiveMessageBytes, call.CancellationToken);
        var response = await handler(request, call);
        await GrpcMessageWriter.WriteAsync(call.HttpContext.Response.BodyWriter, response, call.CancellationToken);
    }
}
