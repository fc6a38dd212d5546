using Haystack.Operator.Crds;

namespace Haystack.Operator.Entities;

[Description("Raw and used capacity.")]
public sealed class CapacityStatus
{
    [Description("Total disk of all store pods, as a quantity (300Gi), for display.")]
    public string? Total { get; set; }

    [Description("Total disk of all store pods in bytes.")]
    public long TotalBytes { get; set; }

    [Description("Bytes held by logical volumes, counting every replica.")]
    public long UsedBytes { get; set; }
}
