using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace Haystack.Store.Tests.Support;

/// <summary>A raw gRPC caller over HttpClient's h2c, for framing cases a real client never produces.</summary>
internal sealed class GrpcTestClient(Uri address) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = address };

    public static byte[] Frame(IMessage message, bool compressed = false)
    {
        var payload = message.ToByteArray();
        var frame = new byte[5 + payload.Length];
        frame[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    public async Task<GrpcCallResult> CallAsync(
        string path, byte[] body, string contentType = "application/grpc", string method = "POST", string? timeout = null)
    {
        // Cleartext HTTP/2 with prior knowledge, as gRPC clients speak it.
        var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = new ByteArrayContent(body),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TryAddWithoutValidation("te", "trailers");
        if (timeout is not null)
        {
            request.Headers.TryAddWithoutValidation("grpc-timeout", timeout);
        }
        var response = await http.SendAsync(request);
        var responseBody = await response.Content.ReadAsByteArrayAsync();
        return new GrpcCallResult(response, responseBody);
    }

    public void Dispose() => http.Dispose();
}
