using Haystack.Store.Grpc;

namespace Haystack.Store.Tests.Grpc;

public sealed class GrpcTimeoutTests
{
    [Theory]
    [InlineData("1H", 3600_000_000_000L)]
    [InlineData("2M", 120_000_000_000L)]
    [InlineData("3S", 3_000_000_000L)]
    [InlineData("250m", 250_000_000L)]
    [InlineData("7u", 7_000L)]
    [InlineData("500n", 500L)]
    [InlineData("99999999S", 99_999_999_000_000_000L)]
    public void Parses_every_unit(string text, long expectedNanoseconds)
    {
        Assert.True(GrpcTimeout.TryParse(text, out var timeout));
        Assert.Equal(expectedNanoseconds / 100, timeout.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("10s")]
    [InlineData("-1S")]
    [InlineData("123456789S")]
    [InlineData(" 1S")]
    public void Refuses_what_the_spec_does_not_allow(string text)
    {
        Assert.False(GrpcTimeout.TryParse(text, out _));
    }
}
