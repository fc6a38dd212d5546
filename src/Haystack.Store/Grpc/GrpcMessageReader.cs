using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Google.Protobuf;

namespace Haystack.Store.Grpc;

/// <summary>
/// Reads gRPC length-prefixed messages: 1 byte compressed flag, 4 bytes big-endian length, then the message.
/// Unary and server-streaming calls carry exactly one request message.
/// </summary>
internal static class GrpcMessageReader
{
    public const int HeaderLength = 5;

    public static async Task<T> ReadSingleAsync<T>(PipeReader reader, MessageParser<T> parser, int maxMessageBytes, CancellationToken cancellationToken)
        where T : IMessage<T>
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (TryReadFrame(ref buffer, maxMessageBytes, out var payload))
            {
                var message = Parse(parser, payload);
                reader.AdvanceTo(buffer.Start);
                await ExpectEndOfRequestAsync(reader, cancellationToken);
                return message;
            }
            if (result.IsCompleted)
            {
                throw new RpcException(StatusCode.Internal,
                    buffer.IsEmpty ? "The request carries no message." : "The request ends in the middle of a message.");
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, int maxMessageBytes, out ReadOnlySequence<byte> payload)
    {
        payload = default;
        if (buffer.Length < HeaderLength)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[HeaderLength];
        buffer.Slice(0, HeaderLength).CopyTo(header);
        if (header[0] != 0)
        {
            throw new RpcException(StatusCode.Unimplemented,
                "Compressed messages are not supported; send them uncompressed (grpc-encoding identity).");
        }
        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (length > (uint)maxMessageBytes)
        {
            throw new RpcException(StatusCode.ResourceExhausted,
                $"The request message has {length} bytes; this server accepts at most {maxMessageBytes}.");
        }
        if (buffer.Length < HeaderLength + length)
        {
            return false;
        }

        payload = buffer.Slice(HeaderLength, length);
        buffer = buffer.Slice(payload.End);
        return true;
    }

    private static T Parse<T>(MessageParser<T> parser, ReadOnlySequence<byte> payload) where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new RpcException(StatusCode.Internal, $"The request message is not a valid {typeof(T).Name}: {e.Message}");
        }
    }

    private static async Task ExpectEndOfRequestAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            if (!result.Buffer.IsEmpty)
            {
                throw new RpcException(StatusCode.Internal, "The request carries more than one message; this method takes exactly one.");
            }
            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                return;
            }
        }
    }
}
