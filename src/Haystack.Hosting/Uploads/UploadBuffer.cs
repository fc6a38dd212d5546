using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Haystack.Hosting.Uploads;

/// <summary>
/// An upload body read whole into memory that grows as its bytes arrive, each growth reserved from the server's
/// <see cref="UploadMemoryBudget"/> first: a client that declares 64 MiB and sends one holds about one, never the
/// declared size. A body that sends nothing for the stall limit is cut (408) even when its average rate still passes
/// Kestrel's minimum data rate, which a fast start would keep passing for many minutes. Buffers up to
/// <see cref="UploadMemoryBudget.SmallUploadBytes"/> come from a small pool (photos reuse them). A larger upload
/// (declared, or grown past that) lives in a <see cref="MappedMemory"/> outside the GC heap that grows in place and is
/// unmapped when disposed, so a flood of them leaves no heap behind; where <c>mremap</c> is missing (not Linux) it
/// doubles GC arrays instead.
/// </summary>
public sealed class UploadBuffer : IDisposable
{
    private const int FirstCapacity = 256 * 1024;

    // A pool of its own rather than the shared one: the shared pool keeps up to 32 arrays per size and core until
    // memory runs short, so a burst of uploads stayed resident in it (about 170 MiB after 200 uploads, measured). This
    // one keeps at most 16 of each size (256 KiB, 512 KiB, 1 MiB: 28 MiB in all), enough for the photos in flight.
    private static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(UploadMemoryBudget.SmallUploadBytes, 16);

    private readonly UploadMemoryBudget _budget;
    private byte[]? _array;
    private MappedMemory? _mapped;
    // What was reserved from the budget: a pooled array may be longer, only this much of it is used.
    private int _capacity;
    private bool _large;

    private UploadBuffer(UploadMemoryBudget budget) => _budget = budget;

    public int Length { get; private set; }

    /// <summary>The bytes read; empty once disposed.</summary>
    public ReadOnlyMemory<byte> Memory => _mapped is { } mapped ? mapped.Memory[..Length] : _array.AsMemory(0, Length);

    /// <summary>
    /// Reads <paramref name="body"/> to its end, or until <paramref name="limit"/> bytes are in (the caller refuses a
    /// body longer than it accepts by asking for one byte more). A refusal adds <c>Connection: close</c> to the
    /// response, so the unread rest of the body is not waited for.
    /// </summary>
    /// <param name="declaredLength">The Content-Length, when known: the buffer never grows past it.</param>
    /// <exception cref="UploadMemoryExhaustedException">The budget had no room within its wait.</exception>
    /// <exception cref="BadHttpRequestException">408: the body stalled for <paramref name="stallLimit"/>.</exception>
    public static async Task<UploadBuffer> ReadAsync(
        HttpContext context, Stream body, long? declaredLength, int limit, UploadMemoryBudget budget, TimeSpan stallLimit, CancellationToken cancellationToken)
    {
        var upload = new UploadBuffer(budget);
        var end = (int)Math.Min(limit, declaredLength ?? limit);
        try
        {
            upload._large = declaredLength > UploadMemoryBudget.SmallUploadBytes;
            using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            while (upload.Length < end)
            {
                if (upload.Length == upload._capacity)
                {
                    await upload.GrowAsync(end, cancellationToken);
                }
                stall.CancelAfter(stallLimit);
                int read;
                try
                {
                    read = await body.ReadAsync(upload.Free(end), stall.Token);
                }
                catch (OperationCanceledException) when (stall.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    throw new BadHttpRequestException(
                        $"The upload sent nothing for {stallLimit.TotalSeconds:0.#} s after {upload.Length} bytes and was cut; nothing was stored.",
                        StatusCodes.Status408RequestTimeout);
                }
                if (read == 0)
                {
                    break;
                }
                upload.Length += read;
            }
            return upload;
        }
        catch (Exception e) when (e is UploadMemoryExhaustedException or BadHttpRequestException)
        {
            upload.Dispose();
            CloseAfterResponse(context, e as UploadMemoryExhaustedException);
            throw;
        }
        catch
        {
            upload.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Return();
        Length = 0;
    }

    // The room left to read into, never past the end: a mapping is whole pages and may be longer.
    private Memory<byte> Free(int end)
    {
        var until = Math.Min(end, _capacity);
        return _mapped is { } mapped ? mapped.Memory[Length..until] : _array.AsMemory(Length, until - Length);
    }

    private async Task GrowAsync(int end, CancellationToken cancellationToken)
    {
        var capacity = _capacity == 0 ? Math.Min(end, FirstCapacity) : (int)Math.Min(end, 2L * _capacity);
        _large |= capacity > UploadMemoryBudget.SmallUploadBytes;
        if (!_large || !OperatingSystem.IsLinux())
        {
            await GrowArrayAsync(capacity, cancellationToken);
        }
        else if (_mapped is { } mapped)
        {
            // In place: only the pages added are reserved, the old ones are not copied.
            var more = MappedMemory.Pages(capacity) - _capacity;
            await _budget.ReserveAsync(more, large: true, cancellationToken);
            try
            {
                mapped.Grow(capacity);
            }
            catch
            {
                _budget.Release(more, garbage: false);
                throw;
            }
            _capacity = mapped.Length;
        }
        else
        {
            var pages = MappedMemory.Pages(capacity);
            await _budget.ReserveAsync(pages, large: true, cancellationToken);
            try
            {
                mapped = MappedMemory.Map(pages);
            }
            catch
            {
                _budget.Release(pages, garbage: false);
                throw;
            }
            // A body of unknown length that outgrew the pool: its bytes so far move once.
            _array.AsSpan(0, Length).CopyTo(mapped.Memory.Span);
            Return();
            _mapped = mapped;
            _capacity = pages;
        }
    }

    private async Task GrowArrayAsync(int capacity, CancellationToken cancellationToken)
    {
        await _budget.ReserveAsync(capacity, _large, cancellationToken);
        var grown = capacity <= UploadMemoryBudget.SmallUploadBytes
            ? Pool.Rent(capacity)
            : GC.AllocateUninitializedArray<byte>(capacity);
        _array.AsSpan(0, Length).CopyTo(grown);
        Return();
        _array = grown;
        _capacity = capacity;
    }

    private void Return()
    {
        if (_mapped is { } mapped)
        {
            _mapped = null;
            // Unmapped at once: the pages go back to the system, nothing is left for the GC.
            ((IDisposable)mapped).Dispose();
            _budget.Release(_capacity, garbage: false);
        }
        else if (_array is { } array)
        {
            _array = null;
            var pooled = _capacity <= UploadMemoryBudget.SmallUploadBytes;
            if (pooled)
            {
                Pool.Return(array);
            }
            _budget.Release(_capacity, garbage: !pooled);
        }
        _capacity = 0;
    }

    private static void CloseAfterResponse(HttpContext context, UploadMemoryExhaustedException? exhausted)
    {
        if (context.Response.HasStarted)
        {
            return;
        }
        // Registered callbacks outlive the error middleware's Response.Clear(), which would drop headers set now.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers.Connection = "close";
            if (exhausted is not null)
            {
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(exhausted.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            return Task.CompletedTask;
        });
    }
}
