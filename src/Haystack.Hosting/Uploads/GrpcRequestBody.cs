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
/// message in the request pipe until all of it is in (it examines what arrived and waits for more, and Kestrel's flow
/// control lets the client send more once bytes are examined), so a call declaring 64 MiB that stalls would hold all
/// it was sent, in Kestrel's block pool. Instead each chunk is taken out of Kestrel's pipe as it arrives, its room
/// reserved from the budget first, and written to a pipe of this call's own that Grpc.AspNetCore reads; the
/// reservation is kept until the call ends (the parsed message is a copy of that size). The pipe's segments are all
/// one size, so a flood of calls growing side by side leaves no holes that larger buffers cannot reuse (doubling
/// buffers, tried first, peaked 170 MiB over the budget here). A call refused room fails UNAVAILABLE with a retry
/// pushback, as HTTP answers 503 with Retry-After; a body that sends nothing for the stall limit is cut with DEADLINE_EXCEEDED. Either way the call ends at once and Kestrel resets its stream, so the rest of its
/// bytes are dropped rather than read. Meant for calls with one request message (unary and server streaming).
/// </summary>
public sealed class GrpcRequestBody : IRequestBodyPipeFeature
{
    // Each message starts with a compressed flag and its length, big-endian (grpc/doc/PROTOCOL-HTTP2.md).
    private const int PrefixBytes = 5;

    // Below the large-object threshold, and few enough per message that a photo takes a handful.
    private const int SegmentBytes = 64 * 1024;

    private readonly PipeReader _inner;
    private readonly UploadMemoryBudget _budget;
    private readonly TimeSpan _stallLimit;
    // No back-pressure: the budget is what bounds the bytes held.
    private readonly Pipe _pipe = new(new PipeOptions(minimumSegmentSize: SegmentBytes, pauseWriterThreshold: 0, resumeWriterThreshold: 0, useSynchronizationContext: false));
    private readonly CancellationTokenSource _ended = new();
    private long _received;
    private long _reserved;
    private bool _large;

    private GrpcRequestBody(PipeReader inner, UploadMemoryBudget budget, TimeSpan stallLimit)
    {
        _inner = inner;
        _budget = budget;
        _stallLimit = stallLimit;
    }

    public PipeReader Reader => _pipe.Reader;

    /// <summary>Runs the gRPC call <paramref name="call"/> with its request body read through the budget.</summary>
    public static async Task HandleAsync(HttpContext context, RequestDelegate call, UploadMemoryBudget budget, TimeSpan stallLimit)
    {
        var body = new GrpcRequestBody(context.Request.BodyReader, budget, stallLimit);
        context.Features.Set<IRequestBodyPipeFeature>(body);
        var pump = body.PumpAsync();
        try
        {
            await call(context);
        }
        finally
        {
            await body._ended.CancelAsync();
            await pump;
            await body._pipe.Reader.CompleteAsync();
            body._ended.Dispose();
            if (body._reserved > 0)
            {
                // The parsed message of a large call is a large-object array the GC frees later.
                budget.Release(body._reserved, garbage: body._large);
            }
        }
    }

    private async Task PumpAsync()
    {
        Exception? failure = null;
        try
        {
            using var stall = CancellationTokenSource.CreateLinkedTokenSource(_ended.Token);
            while (true)
            {
                var read = await ReadInnerAsync(stall);
                var received = read.Buffer;
                try
                {
                    await ReserveAsync(received);
                    foreach (var segment in received)
                    {
                        _pipe.Writer.Write(segment.Span);
                    }
                    _received += received.Length;
                }
                finally
                {
                    // Everything is taken out at once, so Kestrel's blocks go back to its pool as they arrive.
                    _inner.AdvanceTo(received.End);
                }
                var flushed = await _pipe.Writer.FlushAsync(_ended.Token);
                if (read.IsCompleted || flushed.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_ended.IsCancellationRequested)
        {
            // The call ended before its body did.
        }
        catch (Exception e)
        {
            // Grpc.AspNetCore's next read throws this, and answers an RpcException with its status.
            failure = e;
        }
        finally
        {
            await _pipe.Writer.CompleteAsync(failure);
        }
    }

    private async ValueTask<ReadResult> ReadInnerAsync(CancellationTokenSource stall)
    {
        stall.CancelAfter(_stallLimit);
        try
        {
            var read = await _inner.ReadAsync(stall.Token);
            // Stops the timer; had it just fired, the next read is cut, the body having taken the stall limit anyway.
            stall.TryReset();
            return read;
        }
        // Not an abort: Kestrel's ConnectionAbortedException is an OperationCanceledException too.
        catch (OperationCanceledException) when (stall.IsCancellationRequested && !_ended.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.DeadlineExceeded,
                $"The call's request sent nothing for {_stallLimit.TotalSeconds:0.#} s after {_received} bytes and was cut; nothing was stored."));
        }
    }

    // Reserves whole segments, the pipe's unit of memory, ahead of the bytes that fill them.
    private async ValueTask ReserveAsync(ReadOnlySequence<byte> received)
    {
        if (_received == 0)
        {
            _large = DeclaredLength(received) > UploadMemoryBudget.SmallUploadBytes;
        }
        var end = _received + received.Length;
        _large |= end > UploadMemoryBudget.SmallUploadBytes;
        if (end <= _reserved)
        {
            return;
        }
        var more = ((end + SegmentBytes - 1) / SegmentBytes * SegmentBytes) - _reserved;
        try
        {
            await _budget.ReserveAsync(more, _large, _ended.Token);
        }
        catch (UploadMemoryExhaustedException e)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, e.Message), new Metadata
            {
                // The server's pushback (gRFC A6): clients with a retry policy wait this long before the next attempt.
                { "grpc-retry-pushback-ms", ((long)e.RetryAfter.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) },
            });
        }
        _reserved += more;
    }

    // The body starts with the message's prefix; a first chunk too short to hold it declares nothing yet.
    private static long DeclaredLength(ReadOnlySequence<byte> received)
    {
        if (received.Length < PrefixBytes)
        {
            return 0;
        }
        Span<byte> prefix = stackalloc byte[PrefixBytes];
        received.Slice(0, PrefixBytes).CopyTo(prefix);
        return BinaryPrimitives.ReadUInt32BigEndian(prefix[1..]);
    }
}
