using k8s.Models;
using Haystack.Operator.Crds;

namespace Haystack.Operator.Entities;

[Description("The cache pods.")]
public sealed class CacheSpec
{
    [Range(0, 100)]
    [Default(2)]
    [Description("Number of cache pods on the hash ring; 0 sends reads straight to the stores.")]
    public int Replicas { get; set; } = 2;

    [Range(16L << 20)]
    [Default(1L << 30)]
    [Description("Bytes of photo data each cache pod keeps in memory.")]
    public long SizeBytes { get; set; } = 1L << 30;

    [Description("CPU and memory for each cache container; the memory limit should exceed sizeBytes.")]
    public V1ResourceRequirements? Resources { get; set; }
}
