using Grpc.Core;

namespace Haystack.Store.Rpc;

/// <summary>The gRPC status for each <see cref="StoreFailure"/> (the table in docs/store-api.md).</summary>
internal static class GrpcFailureStatus
{
    public static StatusCode For(StoreFailure failure) => failure switch
    {
        StoreFailure.InvalidArgument or StoreFailure.LengthRequired => StatusCode.InvalidArgument,
        StoreFailure.NeedleNotFound or StoreFailure.VolumeNotFound => StatusCode.NotFound,
        StoreFailure.VolumeExists => StatusCode.AlreadyExists,
        StoreFailure.TooLarge or StoreFailure.VolumeFull => StatusCode.ResourceExhausted,
        StoreFailure.ReadOnly => StatusCode.FailedPrecondition,
        StoreFailure.Corrupt => StatusCode.DataLoss,
        StoreFailure.Unavailable or StoreFailure.PeerFailed => StatusCode.Unavailable,
        _ => StatusCode.Internal,
    };

    /// <summary>The interceptor's table: store refusals become statuses, anything else stays INTERNAL.</summary>
    public static Status? Translate(Exception error) =>
        error is StoreException e ? new Status(For(e.Failure), e.Message) : null;
}
