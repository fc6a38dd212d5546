using System.Globalization;
using k8s;
using k8s.Models;

namespace Haystack.Cluster.Tests.Harness;

/// <summary>The cluster's Node objects: <c>node-1..N</c>, Ready, labelled with their hostname and a zone, dealt round robin.</summary>
internal static class ClusterNodes
{
    public const string HostnameLabel = "kubernetes.io/hostname";

    public static async Task CreateAsync(IKubernetes client, int count, int zones)
    {
        for (var i = 1; i <= count; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"node-{i}");
            var zone = string.Create(CultureInfo.InvariantCulture, $"zone-{(char)('a' + ((i - 1) % zones))}");
            var node = await client.CoreV1.CreateNodeAsync(new V1Node
            {
                ApiVersion = "v1",
                Kind = "Node",
                Metadata = new V1ObjectMeta
                {
                    Name = name,
                    Labels = new Dictionary<string, string> { [HostnameLabel] = name, [PodScheduler.ZoneLabel] = zone },
                },
            });
            var status = new V1NodeStatus
            {
                Conditions = [new V1NodeCondition { Type = "Ready", Status = "True", Reason = "KubeletReady" }],
                Addresses = [new V1NodeAddress { Type = "InternalIP", Address = "127.0.0.1" }, new V1NodeAddress { Type = "Hostname", Address = name }],
            };
            await client.CoreV1.PatchNodeStatusAsync(new V1Patch(KubernetesJson.Serialize(new { status }), V1Patch.PatchType.MergePatch), node.Metadata.Name);
        }
    }
}
