using k8s.Models;
using Haystack.Operator.Crds;

namespace Haystack.Operator.Entities;

[Description("The directory pods.")]
public sealed class DirectorySpec
{
    [Range(1, 100)]
    [Default(2)]
    [Description("Number of directory pods; they share state through the Volume resources, so any number works.")]
    public int Replicas { get; set; } = 2;

    [Description("CPU and memory for each directory container.")]
    public V1ResourceRequirements? Resources { get; set; }
}
