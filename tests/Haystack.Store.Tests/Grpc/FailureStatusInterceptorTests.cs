using Grpc.Core;
using Haystack.Hosting;
using Haystack.Protocol.Store.V1;
using Haystack.Store.Rpc;
using Haystack.Store.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Haystack.Store.Tests.Grpc;

public sealed class FailureStatusInterceptorTests
{
    private const string Method = "/haystack.store.v1.Store/Read";
    private readonly FailureStatusInterceptor _interceptor = new(GrpcFailureStatus.Translate, NullLogger<FailureStatusInterceptor>.Instance);

    [Theory]
    [InlineData(StoreFailure.NeedleNotFound, StatusCode.NotFound)]
    [InlineData(StoreFailure.VolumeNotFound, StatusCode.NotFound)]
    [InlineData(StoreFailure.InvalidArgument, StatusCode.InvalidArgument)]
    [InlineData(StoreFailure.LengthRequired, StatusCode.InvalidArgument)]
    [InlineData(StoreFailure.VolumeExists, StatusCode.AlreadyExists)]
    [InlineData(StoreFailure.TooLarge, StatusCode.ResourceExhausted)]
    [InlineData(StoreFailure.VolumeFull, StatusCode.ResourceExhausted)]
    [InlineData(StoreFailure.ReadOnly, StatusCode.FailedPrecondition)]
    [InlineData(StoreFailure.Corrupt, StatusCode.DataLoss)]
    [InlineData(StoreFailure.Unavailable, StatusCode.Unavailable)]
    public async Task A_store_refusal_ends_the_call_with_its_status_and_message(StoreFailure failure, StatusCode expected)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => CallThrowing(new StoreException(failure, "refused: caf\u00e9")));

        Assert.Equal(expected, error.StatusCode);
        Assert.Equal("refused: caf\u00e9", error.Status.Detail);
    }

    [Fact]
    public async Task An_unexpected_exception_is_internal_and_keeps_its_details_in_the_log()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => CallThrowing(new InvalidOperationException("secret internals")));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains(Method, error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_stream_that_fails_midway_gets_the_same_translation()
    {
        var context = new TestServerCallContext(Method);

        var error = await Assert.ThrowsAsync<RpcException>(() => _interceptor.ServerStreamingServerHandler<ReadRequest, ReadResponse>(
            new ReadRequest(), null!, context, (_, _, _) => throw new StoreException(StoreFailure.VolumeNotFound, "Volume 9 is not on this store.")));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Cancellation_and_statuses_raised_by_the_handler_pass_through_unchanged()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var own = new RpcException(new Status(StatusCode.PermissionDenied, "no"));

        var passed = await Assert.ThrowsAsync<RpcException>(() => CallThrowing(own));
        var stopped = await Assert.ThrowsAsync<OperationCanceledException>(() => _interceptor.UnaryServerHandler<ReadRequest, ReadResponse>(
            new ReadRequest(), new TestServerCallContext(Method, cancelled.Token), (_, _) => throw new OperationCanceledException(cancelled.Token)));

        Assert.Same(own, passed);
        Assert.Equal(cancelled.Token, stopped.CancellationToken);
    }

    private Task<ReadResponse> CallThrowing(Exception error) =>
        _interceptor.UnaryServerHandler<ReadRequest, ReadResponse>(new ReadRequest(), new TestServerCallContext(Method), (_, _) => throw error);
}
