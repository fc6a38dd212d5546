using Haystack.Store.Grpc;

namespace Haystack.Store.Tests.Grpc;

public sealed class GrpcStatusMessageTests
{
    [Fact]
    public void Printable_ascii_without_percent_passes_unchanged()
    {
        const string message = "Volume 7 is not on this store.";

        Assert.Same(message, GrpcStatusMessage.PercentEncode(message));
    }

    [Fact]
    public void Percent_controls_and_non_ascii_are_encoded_as_utf8_bytes()
    {
        Assert.Equal("100%25 caf%C3%A9%0Anext", GrpcStatusMessage.PercentEncode("100% caf\u00e9\nnext"));
    }
}
