using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;

namespace Haystack.Store.Tests.Support;

/// <summary>What came back from one raw gRPC call: status from trailers, or from headers for a trailers-only answer.</summary>
internal sealed record GrpcCallResult(HttpResponseMessage Response, byte[] Body)
{
    public HttpStatusCode HttpStatus => Response.StatusCode;

    /// <summary>True when the status arrived in the response headers (no body, no trailers).</summary>
    public bool IsTrailersOnly => Response.Headers.Contains("grpc-status");

    public int? Status => Value("grpc-status") is { } text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : null;

    public string? Message => Value("grpc-message") is { } text ? Uri.UnescapeDataString(text) : null;

    /// <summary>The length-prefixed messages of the body, in order.</summary>
    public IReadOnlyList<byte[]> Messages()
    {
        var messages = new List<byte[]>();
        var rest = Body.AsSpan();
        while (rest.Length > 0)
        {
            Assert.Equal(0, rest[0]);
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(rest[1..5]);
            messages.Add(rest.Slice(5, length).ToArray());
            rest = rest[(5 + length)..];
        }
        return messages;
    }

    private string? Value(string name) =>
        Find(Response.Headers, name) ?? Find(Response.TrailingHeaders, name);

    private static string? Find(HttpHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.Single() : null;
}
