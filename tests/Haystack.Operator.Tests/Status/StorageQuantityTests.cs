using Haystack.Operator.Status;

namespace Haystack.Operator.Tests.Status;

public sealed class StorageQuantityTests
{
    [Theory]
    [InlineData("100Gi", 100L << 30)]
    [InlineData("1.5Ti", 3L << 39)]
    [InlineData("500G", 500_000_000_000L)]
    [InlineData("64Mi", 64L << 20)]
    [InlineData("1024", 1024L)]
    [InlineData("1k", 1000L)]
    public void Quantities_convert_to_bytes(string quantity, long bytes) =>
        Assert.Equal(bytes, StorageQuantity.ToBytes(quantity));

    [Theory]
    [InlineData(300L << 30, "300Gi")]
    [InlineData(3L << 39, "1536Gi")]
    [InlineData(1L << 40, "1Ti")]
    [InlineData(1000L, "1000")]
    [InlineData(0L, "0")]
    public void Bytes_show_in_the_largest_exact_binary_unit(long bytes, string quantity) =>
        Assert.Equal(quantity, StorageQuantity.FromBytes(bytes));

    [Theory]
    [InlineData("lots")]
    [InlineData("10 Gi")]
    [InlineData("")]
    public void Non_quantities_are_rejected_with_the_text(string text)
    {
        var error = Assert.Throws<FormatException>(() => StorageQuantity.ToBytes(text));

        Assert.Contains($"\"{text}\"", error.Message);
    }
}
