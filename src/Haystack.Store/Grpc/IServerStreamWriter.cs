namespace Haystack.Store.Grpc;

/// <summary>Sends the messages of a server-streaming call, in order, each flushed to the client.</summary>
public interface IServerStreamWriter<in T>
{
    Task WriteAsync(T message, CancellationToken cancellationToken);
}
