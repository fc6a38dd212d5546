using System.Net;
using System.Net.Http.Headers;

namespace Haystack.Client.Http;

/// <summary>
/// A caller's stream as a request body, sent from where it stood when the upload began on every attempt (so a
/// seekable stream can be retried), and never disposed: the stream stays the caller's.
/// </summary>
internal sealed class UploadContent : HttpContent
{
    private readonly Stream stream;
    private readonly long start;

    public UploadContent(Stream stream, long start, MediaTypeHeaderValue contentType)
    {
        this.stream = stream;
        this.start = start;
        Headers.ContentType = contentType;
    }

    protected override Task SerializeToStreamAsync(Stream target, TransportContext? context) =>
        SerializeToStreamAsync(target, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream target, TransportContext? context, CancellationToken cancellationToken)
    {
        if (stream.CanSeek)
        {
            stream.Position = start;
        }
        await stream.CopyToAsync(target, cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = stream.CanSeek ? stream.Length - start : 0;
        return stream.CanSeek;
    }
}
