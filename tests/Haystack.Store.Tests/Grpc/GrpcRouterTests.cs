using System.Net;
using Haystack.Store.Grpc;
using Haystack.Store.Tests.Support;
using Haystack.Store.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Haystack.Store.Tests.Grpc;

/// <summary>The generic framing layer on its own Kestrel h2c endpoint, with handlers written for these cases.</summary>
public sealed class GrpcRouterTests : IAsyncLifetime
{
    private const string Service = "test.v1.Echo";
    private const int MaxMessageBytes = 1024;
    private WebApplication app = null!;
    private GrpcTestClient client = null!;

    public async Task InitializeAsync()
    {
        var router = new GrpcRouter(NullLogger<GrpcRouter>.Instance, MaxMessageBytes, e => e is KeyNotFoundException ? new RpcException(StatusCode.NotFound, e.Message) : null)
            .MapUnary<ReadRequest, ReadResponse>(Service, "Echo", (request, _) =>
                Task.FromResult(new ReadResponse { ContentType = request.PhotoId }))
            .MapUnary<ReadRequest, ReadResponse>(Service, "Fail", (request, _) =>
                throw new RpcException(StatusCode.FailedPrecondition, $"refused {request.PhotoId}: 100% sure, caf\u00e9\nsecond line"))
            .MapUnary<ReadRequest, ReadResponse>(Service, "Crash", (_, _) => throw new InvalidOperationException("secret internal detail"))
            .MapUnary<ReadRequest, ReadResponse>(Service, "Missing", (request, _) => throw new KeyNotFoundException($"no {request.PhotoId}"))
            .MapUnary<ReadRequest, ReadResponse>(Service, "Wait", async (_, call) =>
            {
                await Task.Delay(Timeout.Infinite, call.CancellationToken);
                return new ReadResponse();
            })
            .MapServerStreaming<ReadRequest, ReadResponse>(Service, "Count", async (request, responses, call) =>
            {
                for (var i = 0; i < int.Parse(request.PhotoId, System.Globalization.CultureInfo.InvariantCulture); i++)
                {
                    await responses.WriteAsync(new ReadResponse { Etag = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }, call.CancellationToken);
                }
                if (request.PhotoId == "2")
                {
                    throw new RpcException(StatusCode.DataLoss, "broke after two");
                }
            });

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Critical);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        app = builder.Build();
        app.Run(router.HandleAsync);
        await app.StartAsync();
        client = new GrpcTestClient(new Uri(app.Urls.Single()));
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await app.DisposeAsync();
    }

    private static byte[] Request(string photoId) => GrpcTestClient.Frame(new ReadRequest { PhotoId = photoId });

    [Fact]
    public async Task A_unary_call_answers_one_message_then_status_0_in_trailers()
    {
        var result = await client.CallAsync($"/{Service}/Echo", Request("hello"));

        Assert.Equal(HttpStatusCode.OK, result.HttpStatus);
        Assert.Equal("application/grpc", result.Response.Content.Headers.ContentType?.MediaType);
        Assert.False(result.IsTrailersOnly);
        Assert.Equal(0, result.Status);
        Assert.Equal("hello", ReadResponse.Parser.ParseFrom(Assert.Single(result.Messages())).ContentType);
    }

    [Fact]
    public async Task A_failure_before_any_message_is_a_trailers_only_response_with_a_percent_encoded_message()
    {
        var result = await client.CallAsync($"/{Service}/Fail", Request("x"));

        Assert.Equal(HttpStatusCode.OK, result.HttpStatus);
        Assert.True(result.IsTrailersOnly);
        Assert.Empty(result.Body);
        Assert.Equal((int)StatusCode.FailedPrecondition, result.Status);
        Assert.Contains("%25", result.Response.Headers.GetValues("grpc-message").Single());
        Assert.Equal("refused x: 100% sure, caf\u00e9\nsecond line", result.Message);
    }

    [Fact]
    public async Task An_unexpected_exception_is_internal_without_its_details()
    {
        var result = await client.CallAsync($"/{Service}/Crash", Request("x"));

        Assert.Equal((int)StatusCode.Internal, result.Status);
        Assert.DoesNotContain("secret", result.Message);
    }

    [Fact]
    public async Task The_exception_translator_gives_domain_errors_their_status()
    {
        var result = await client.CallAsync($"/{Service}/Missing", Request("photo 9"));

        Assert.Equal((int)StatusCode.NotFound, result.Status);
        Assert.Equal("no photo 9", result.Message);
    }

    [Fact]
    public async Task A_server_stream_sends_every_message_in_order_then_ok()
    {
        var result = await client.CallAsync($"/{Service}/Count", Request("5"));

        Assert.Equal(0, result.Status);
        Assert.Equal(["0", "1", "2", "3", "4"], result.Messages().Select(m => ReadResponse.Parser.ParseFrom(m).Etag));
    }

    [Fact]
    public async Task A_stream_that_fails_after_messages_carries_its_status_in_trailers()
    {
        var result = await client.CallAsync($"/{Service}/Count", Request("2"));

        Assert.False(result.IsTrailersOnly);
        Assert.Equal(2, result.Messages().Count);
        Assert.Equal((int)StatusCode.DataLoss, result.Status);
        Assert.Equal("broke after two", result.Message);
    }

    [Fact]
    public async Task An_unknown_method_is_unimplemented()
    {
        var result = await client.CallAsync($"/{Service}/Nope", Request("x"));

        Assert.Equal((int)StatusCode.Unimplemented, result.Status);
        Assert.Contains($"/{Service}/Nope", result.Message);
    }

    [Fact]
    public async Task A_compressed_message_is_unimplemented()
    {
        var result = await client.CallAsync($"/{Service}/Echo", GrpcTestClient.Frame(new ReadRequest { PhotoId = "x" }, compressed: true));

        Assert.Equal((int)StatusCode.Unimplemented, result.Status);
        Assert.Contains("Compressed", result.Message);
    }

    [Fact]
    public async Task A_message_over_the_limit_is_resource_exhausted()
    {
        var result = await client.CallAsync($"/{Service}/Echo", Request(new string('x', MaxMessageBytes + 1)));

        Assert.Equal((int)StatusCode.ResourceExhausted, result.Status);
    }

    [Fact]
    public async Task A_request_cut_inside_a_message_is_internal()
    {
        var frame = Request("hello");

        var result = await client.CallAsync($"/{Service}/Echo", frame[..^2]);

        Assert.Equal((int)StatusCode.Internal, result.Status);
        Assert.Contains("middle of a message", result.Message);
    }

    [Fact]
    public async Task Two_messages_to_a_unary_method_are_internal()
    {
        var result = await client.CallAsync($"/{Service}/Echo", [.. Request("a"), .. Request("b")]);

        Assert.Equal((int)StatusCode.Internal, result.Status);
        Assert.Contains("more than one message", result.Message);
    }

    [Fact]
    public async Task An_empty_request_is_internal()
    {
        var result = await client.CallAsync($"/{Service}/Echo", []);

        Assert.Equal((int)StatusCode.Internal, result.Status);
    }

    [Fact]
    public async Task Bytes_that_are_not_the_request_message_are_internal()
    {
        var result = await client.CallAsync($"/{Service}/Echo", [0, 0, 0, 0, 3, 0xFF, 0xFF, 0xFF]);

        Assert.Equal((int)StatusCode.Internal, result.Status);
        Assert.Contains(nameof(ReadRequest), result.Message);
    }

    [Fact]
    public async Task A_call_past_its_grpc_timeout_is_deadline_exceeded()
    {
        var result = await client.CallAsync($"/{Service}/Wait", Request("x"), timeout: "50m");

        Assert.Equal((int)StatusCode.DeadlineExceeded, result.Status);
    }

    [Fact]
    public async Task A_deadline_years_away_is_served_as_no_deadline()
    {
        var result = await client.CallAsync($"/{Service}/Echo", Request("later"), timeout: "99999999H");

        Assert.Equal(0, result.Status);
        Assert.Equal("later", ReadResponse.Parser.ParseFrom(Assert.Single(result.Messages())).ContentType);
    }

    [Fact]
    public async Task A_malformed_grpc_timeout_is_refused()
    {
        var result = await client.CallAsync($"/{Service}/Echo", Request("x"), timeout: "soon");

        Assert.Equal((int)StatusCode.Internal, result.Status);
        Assert.Contains("grpc-timeout", result.Message);
    }

    [Fact]
    public async Task A_request_that_is_not_grpc_is_415()
    {
        var result = await client.CallAsync($"/{Service}/Echo", Request("x"), contentType: "application/json");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, result.HttpStatus);
    }

    [Fact]
    public async Task A_get_is_405()
    {
        var result = await client.CallAsync($"/{Service}/Echo", [], method: "GET");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, result.HttpStatus);
    }
}
