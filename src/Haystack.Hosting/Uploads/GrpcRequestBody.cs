using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.IO.Pipelines;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Haystack.Hosting.Uploads;

/// <summary>
/// The request body of a gRPC call, read within the server's <see cref="UploadMemoryBudget"/>. Grpc.AspNetCore leaves a
/// message in Kestrel's request pipe until all of it is in (it examines what arrived and waits for more, and Kestrel's
/// flow control lets the client send more as soon as bytes are examined), so a call declaring 64 MiB that stalls holds
/// all it was sent. This reader reserves what the pipe holds before handing it on, keeps the reservation until the call
/// ends (the parsed message is a copy of that size), and cuts a body that sends nothing for the stall limit, as
/// <see cref="UploadBuffer"/> does for HTTP. A refused call ends at once and Kestrel resets its stream, so the rest of
/// its bytes are dropped rather than read.
/// </summary>
public sealed class GrpcRequestBody : PipeReader, IRequestBodyPipeFeature
{
    // Each message starts with a compressed flag and its length, big-endian (grpc/doc/PROTOCOL-HTTP2.md).
    private const int PrefixBytes = 5;

    private readonly PipeReader _inner;
    private readonly UploadMemoryBudget _budget;
    private readonly TimeSpan _stallLimit;
    private CancellationTokenSource _stall = new();
    private long _reserved;
    private bool _large;

    private GrpcRequestBody(PipeReader inner, UploadMemoryBudget budget, TimeSpan stallLimit)
    {
        _inner = inner;
        _budget = budget;
        _stallLimit = stallLimit;
    }

    PipeReader IRequestBodyPipeFeature.Reader => this;

    /// <summary>Runs the gRPC call <paramref name="call"/> with its request body read through the budget.</summary>
    public static async Task HandleAsync(HttpContext context, RequestDelegate call, UploadMemoryBudget budget, TimeSpan stallLimit)
    {
        var body = new GrpcRequestBody(context.Request.BodyReader, budget, stallLimit);
        context.Features.Set<IRequestBodyPipeFeature>(body);
        try
        {
            await call(context);
        }
        finally
        {
            body.Release();
        }
    }

    public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        ReadResult result;
        using (var linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stall.Token) : null)
        {
            _stall.CancelAfter(_stallLimit);
            try
            {
                result = await _inner.ReadAsync(linked?.Token ?? _stall.Token);
            }
            catch (OperationCanceledException) when (_stall.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new RpcException(new Status(StatusCode.DeadlineExceeded,
                    $"The call's request sent nothing for {_stallLimit.TotalSeconds:0.#} s after {_reserved} bytes and was cut; nothing was stored."));
            }
            finally
            {
                // Stops the timer; one that fired just after the read came back is replaced, or the next read would be cut.
                if (!_stall.TryReset())
                {
                    _stall.Dispose();
                    _stall = new CancellationTokenSource();
                }
            }
        }
        var more = result.Buffer.Length - _reserved;
        if (more > 0)
        {
            _large |= IsLarge(result.Buffer);
            try
            {
                await _budget.ReserveAsync(more, _large, cancellationToken);
            }
            catch (UploadMemoryExhaustedException e)
            {
                _inner.AdvanceTo(result.Buffer.Start, result.Buffer.End);
                throw new RpcException(new Status(StatusCode.Unavailable, e.Message), new Metadata
                {
                    // The server's pushback (gRFC A6): clients with a retry policy wait this long before the next attempt.
                    { "grpc-retry-pushback-ms", ((long)e.RetryAfter.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) },
                });
            }
            _reserved += more;
        }
        return result;
    }

    public override bool TryRead(out ReadResult result)
    {
        if (!_inner.TryRead(out result))
        {
            return false;
        }
        var more = result.Buffer.Length - _reserved;
        if (more <= 0)
        {
            return true;
        }
        _large |= IsLarge(result.Buffer);
        if (_budget.TryReserve(more, _large))
        {
            _reserved += more;
            return true;
        }
        // Nothing consumed or examined: the next ReadAsync returns these bytes at once and waits for their room.
        _inner.AdvanceTo(result.Buffer.Start);
        result = default;
        return false;
    }

    public override void AdvanceTo(SequencePosition consumed) => _inner.AdvanceTo(consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined) => _inner.AdvanceTo(consumed, examined);

    public override void CancelPendingRead() => _inner.CancelPendingRead();

    public override void Complete(Exception? exception = null) => _inner.Complete(exception);

    private void Release()
    {
        _stall.Dispose();
        if (_reserved > 0)
        {
            // The parsed message of a large call is a large-object array the GC frees later.
            _budget.Release(_reserved, garbage: _large);
            _reserved = 0;
        }
    }

    // Grpc.AspNetCore consumes whole messages, so what the pipe holds starts with a message's prefix.
    private static bool IsLarge(ReadOnlySequence<byte> buffer)
    {
        if (buffer.Length > UploadMemoryBudget.SmallUploadBytes)
        {
            return true;
        }
        if (buffer.Length < PrefixBytes)
        {
            return false;
        }
        Span<byte> prefix = stackalloc byte[PrefixBytes];
        buffer.Slice(0, PrefixBytes).CopyTo(prefix);
        return BinaryPrimitives.ReadUInt32BigEndian(prefix[1..]) > UploadMemoryBudget.SmallUploadBytes;
    }
}
