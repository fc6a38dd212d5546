using Google.Protobuf;
using Microsoft.AspNetCore.Http;

namespace Haystack.Store.Grpc;

/// <summary>The server side of a server-streaming call: each message goes out as its own DATA frame(s).</summary>
internal sealed class ResponseStreamWriter<T>(HttpResponse response) : IServerStreamWriter<T> where T : IMessage<T>
{
    public Task WriteAsync(T message, CancellationToken cancellationToken) =>
        GrpcMessageWriter.WriteAsync(response.BodyWriter, message, cancellationToken);
}
