using k8s.Models;
using Haystack.Operator.Crds;

namespace Haystack.Operator.Entities;

[Description("The store pods and their local disks.")]
public sealed class StoreSpec
{
    [Range(1, 1000)]
    [Default(3)]
    [Description("Number of store pods, each with its own disk.")]
    public int Replicas { get; set; } = 3;

    [Required]
    [Immutable("moving stores to another storage class would strand the volumes on the old disks")]
    [Pattern(KubernetesPatterns.DnsSubdomain)]
    [Length(1, 253)]
    [Description("StorageClass of the store disks; meant for local persistent volumes formatted with XFS.")]
    public string StorageClassName { get; set; } = "";

    [Immutable("a StatefulSet cannot resize its volume claim templates; create a new cluster to change disk size")]
    [Pattern(KubernetesPatterns.Quantity)]
    [Length(1, 32)]
    [Default("100Gi")]
    [Description("Size of each store pod's disk, as a Kubernetes quantity (100Gi).")]
    public string StorageSize { get; set; } = "100Gi";

    [Description("CPU and memory for each store container.")]
    public V1ResourceRequirements? Resources { get; set; }

    [Range(0, 7 * 24 * 3600)]
    [Default(300)]
    [Description("How long a store pod's node may be gone (Node deleted or NotReady) before its replicas count as lost and are rebuilt elsewhere. A pod that merely restarts on a Ready node is never a loss.")]
    public int ReplicaLossGracePeriodSeconds { get; set; } = 300;

    [Default(false)]
    [Description("Delete the store pods' PersistentVolumeClaims (and so the photos) when the HaystackCluster is deleted. False keeps them; claims are always kept on scale-in.")]
    public bool DeleteClaimsWithCluster { get; set; }
}
