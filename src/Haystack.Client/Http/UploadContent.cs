using System.Net;
using System.Net.Http.Headers;

namespace Haystack.Client.Http;

/// <summary>
/// A caller's stream as a request body, sent from where it stood when the upload began on every attempt (so a
/// seekable stream can be retried), and never disposed: the stream stays the caller's.
/// </summary>
internal sealed class UploadContent : HttpContent
{
    private readonly Stream _stream;
    private readonly long _start;

    public UploadContent(Stream stream, long start, MediaTypeHeaderValue contentType)
    {
        _stream = stream;
        _start = start;
        Headers.ContentType = contentType;
    }

    protected override Task SerializeToStreamAsync(Stream target, TransportContext? context) =>
        SerializeToStreamAsync(target, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream target, TransportContext? context, CancellationToken cancellationToken)
    {
        if (_stream.CanSeek)
        {
            _stream.Position = _start;
        }
        await _stream.CopyToAsync(target, cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _stream.CanSeek ? _stream.Length - _start : 0;
        return _stream.CanSeek;
    }
}
