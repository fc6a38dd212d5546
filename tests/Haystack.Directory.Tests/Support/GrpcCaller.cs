using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Haystack.Store.Grpc;

namespace Haystack.Directory.Tests.Support;

/// <summary>A minimal unary gRPC client over HttpClient's h2c: frames the request, reads one message and the status trailers.</summary>
internal sealed class GrpcCaller(Uri address) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = address };

    public async Task<(StatusCode Status, string? Message, TResponse? Response)> CallAsync<TResponse>(string method, IMessage request)
        where TResponse : class, IMessage<TResponse>, new()
    {
        var payload = request.ToByteArray();
        var frame = new byte[5 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        using var message = new HttpRequestMessage(HttpMethod.Post, $"/haystack.directory.v1.Directory/{method}") 
        {
            Content = new ByteArrayContent(frame),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        message.Headers.TryAddWithoutValidation("te", "trailers");

        using var response = await http.SendAsync(message);
        var body = await response.Content.ReadAsByteArrayAsync();
        var headers = response.TrailingHeaders.Contains("grpc-status") ? response.TrailingHeaders : (HttpHeaders)response.Headers;
        var status = (StatusCode)int.Parse(headers.GetValues("grpc-status").Single(), System.Globalization.CultureInfo.InvariantCulture);
        var detail = headers.TryGetValues("grpc-message", out var values) ? Uri.UnescapeDataString(values.Single()) : null;
        TResponse? parsed = null;
        if (body.Length >= 5)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(1));
            parsed = new MessageParser<TResponse>(() => new TResponse()).ParseFrom(body, 5, length);
        }
        return (status, detail, parsed);
    }

    public void Dispose() => http.Dispose();
}
