using System.Buffers;
using Haystack.Protocol;
using Microsoft.AspNetCore.Http;

namespace Haystack.Store.Http;

/// <summary>
/// A needle upload read whole into a pooled buffer before anything is written, so a cut or stalled upload
/// (Kestrel aborts it below the minimum data rate) stores nothing. The length must be declared up front:
/// chunked uploads get 411, which also lets an oversize body be refused (413) before a byte of it is read.
/// </summary>
internal sealed class UploadBody : IDisposable
{
    private byte[]? _buffer;

    private UploadBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlyMemory<byte> Memory => (_buffer ?? throw new ObjectDisposedException(nameof(UploadBody))).AsMemory(0, Length);

    public static async Task<UploadBody> ReadAsync(HttpRequest request, PhotoId photoId, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength is not { } declared)
        {
            throw new StoreException(StoreFailure.LengthRequired,
                $"Upload of {photoId} has no Content-Length; chunked uploads are not accepted, send the length.");
        }
        if (declared > maxBytes)
        {
            throw new StoreException(StoreFailure.TooLarge,
                $"Upload of {photoId} has {declared} bytes; this store accepts needles of at most {maxBytes} bytes.");
        }

        var length = (int)declared;
        var rented = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        try
        {
            // A short body surfaces as Kestrel's BadHttpRequestException or an abort; both leave nothing stored.
            await request.Body.ReadExactlyAsync(rented.AsMemory(0, length), cancellationToken);
            return new UploadBody(rented, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(rented);
            throw;
        }
    }

    public void Dispose()
    {
        if (_buffer is { } rented)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
