using System.Buffers.Binary;
using System.IO.Pipelines;
using Google.Protobuf;

namespace Haystack.Store.Grpc;

/// <summary>Writes one uncompressed length-prefixed gRPC message and flushes it to the client.</summary>
internal static class GrpcMessageWriter
{
    public static async Task WriteAsync(PipeWriter writer, IMessage message, CancellationToken cancellationToken)
    {
        var header = writer.GetSpan(GrpcMessageReader.HeaderLength);
        header[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(header[1..], (uint)message.CalculateSize());
        writer.Advance(GrpcMessageReader.HeaderLength);
        message.WriteTo(writer);
        await writer.FlushAsync(cancellationToken);
    }
}
