using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net;
using Haystack.Testing;

namespace Haystack.Tests.Support;

/// <summary>
/// Hostile gRPC clients: each starts a call whose message prefix declares <c>declaredBytes</c>, sends
/// <c>sentBytes</c> of the message and then stalls with the stream open, until disposed. The calls share HTTP/2
/// connections as a real client's do (100 streams each, the server's limit).
/// </summary>
public sealed class StalledGrpcUploads : IStalledClients
{
    private const int ChunkBytes = 64 * 1024;

    private readonly HttpClient _http = new(new SocketsHttpHandler { EnableMultipleHttp2Connections = true }) { Timeout = Timeout.InfiniteTimeSpan };
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task<HttpResponseMessage>> _calls = [];
    private int _failed;

    /// <summary>Clients that could not send their bytes in 30 s: the server did not take them.</summary>
    public int Failed => Volatile.Read(ref _failed);

    /// <summary>Calls the server has answered (refused with a status) or reset; a call it still holds has neither.</summary>
    public int Answered()
    {
        lock (_calls)
        {
            return _calls.Count(call => call.IsCompleted);
        }
    }

    public int Refused() => Answered();

    /// <summary>The grpc-status and grpc-message of each call the server has answered (a refusal comes trailers-only, in the headers).</summary>
    public IReadOnlyList<(string Status, string Message)> Answers()
    {
        lock (_calls)
        {
            return [.. _calls.Where(call => call.IsCompletedSuccessfully).Select(call => call.Result)
                .Select(response => (Header(response, "grpc-status"), Uri.UnescapeDataString(Header(response, "grpc-message"))))];
        }
    }

    /// <param name="method">The gRPC method's path, such as <c>/haystack.store.v1.Store/Write</c>.</param>
    public static async Task<StalledGrpcUploads> StartAsync(Uri server, string method, int count, long declaredBytes, int sentBytes)
    {
        var uploads = new StalledGrpcUploads();
        var message = new byte[5 + sentBytes];
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(1), (uint)declaredBytes);
        Random.Shared.NextBytes(message.AsSpan(5));
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => uploads.SendAsync(new Uri(server, method), message, bound.Token)));
        return uploads;
    }

    public void Dispose()
    {
        if (!_stop.IsCancellationRequested)
        {
            _stop.Cancel();
            _http.Dispose();
        }
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";

    private async Task SendAsync(Uri method, byte[] message, CancellationToken cancellationToken)
    {
        // The body is fed a chunk at a time, so each client holds about one chunk rather than its whole message.
        var body = new Pipe();
        var request = new HttpRequestMessage(HttpMethod.Post, method)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new StreamContent(body.Reader.AsStream()),
        };
        request.Content.Headers.ContentType = new("application/grpc");
        request.Headers.TE.ParseAdd("trailers");
        request.Headers.Authorization = new("Bearer", HaystackExecutable.Key);
        var call = _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, _stop.Token);
        lock (_calls)
        {
            _calls.Add(call);
        }
        try
        {
            for (var offset = 0; offset < message.Length; offset += ChunkBytes)
            {
                var write = body.Writer.WriteAsync(message.AsMemory(offset, Math.Min(ChunkBytes, message.Length - offset)), cancellationToken).AsTask();
                // A call the server answered takes no more bytes.
                if (await Task.WhenAny(write, call) == call)
                {
                    return;
                }
                await write;
            }
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref _failed);
        }
    }
}
