using System.Net;
using System.Text;
using Haystack.Client;
using Haystack.Cluster.Tests.Harness;
using Haystack.Protocol;
using k8s;
using k8s.Models;

namespace Haystack.Cluster.Tests.Scenarios;

/// <summary>The three-step rotation of docs/security.md, done as a user would: three edits of the cluster's Secret.</summary>
public sealed class KeyRotationTests
{
    private const string Secret = $"{ClusterHarness.Name}-auth";
    private const string AuthHash = "haystack.io/auth-hash";

    [Fact]
    public async Task Three_edits_of_the_secret_roll_the_pods_to_the_new_key_and_uploads_with_the_key_of_each_step_succeed()
    {
        var spec = ClusterHarness.SmallSpec();
        spec.Volume.WritableVolumes = 1;
        await using var cluster = await ClusterHarness.StartAsync(spec);
        await cluster.WaitForReadyAsync();
        var old = Encoding.ASCII.GetString((await cluster.Client.CoreV1.ReadNamespacedSecretAsync(Secret, ClusterHarness.Namespace)).Data["token"]);
        var fresh = AccessKeys.Generate();
        var uploaded = 0;

        // Step by step, each roll-out finished before the next; the client presents the current key.
        await EditAndRollAsync(cluster, data => data["previous"] = Encoding.ASCII.GetBytes(fresh));
        uploaded += await UploadAsync(cluster, old) + await UploadAsync(cluster, fresh);
        await EditAndRollAsync(cluster, data => (data["token"], data["previous"]) = (Encoding.ASCII.GetBytes(fresh), Encoding.ASCII.GetBytes(old)));
        uploaded += await UploadAsync(cluster, fresh) + await UploadAsync(cluster, old);
        await EditAndRollAsync(cluster, data => data.Remove("previous"));
        uploaded += await UploadAsync(cluster, fresh);

        Assert.Equal(5, uploaded);
        var refused = await Assert.ThrowsAsync<HaystackException>(() => cluster.PhotosClient(old).UploadAsync(PhotoBytes.Make(9, 10_000), "image/jpeg"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private static async Task<int> UploadAsync(ClusterHarness cluster, string key)
    {
        var photo = PhotoBytes.Make(key.Length + key[0], 20_000);
        var client = cluster.PhotosClient(key);
        var stored = await client.UploadAsync(photo, "image/jpeg");
        Assert.Equal(photo, (await client.GetFromReplicasAsync(stored.Id)).Data);
        return 1;
    }

    private static async Task EditAndRollAsync(ClusterHarness cluster, Action<IDictionary<string, byte[]>> edit)
    {
        var before = await DigestAsync(cluster);
        var secret = await cluster.Client.CoreV1.ReadNamespacedSecretAsync(Secret, ClusterHarness.Namespace);
        edit(secret.Data);
        await cluster.Client.CoreV1.ReplaceNamespacedSecretAsync(secret, Secret, ClusterHarness.Namespace);
        // The Secret is not watched; touching a child queues the reconcile the one-minute resync would run.
        var config = new V1Patch($"{{\"metadata\":{{\"annotations\":{{\"test/rotation\":\"{Guid.NewGuid()}\"}}}}}}", V1Patch.PatchType.MergePatch);
        await cluster.Client.CoreV1.PatchNamespacedConfigMapAsync(config, $"{ClusterHarness.Name}-config", ClusterHarness.Namespace);
        await cluster.EventuallyAsync(async () => await DigestAsync(cluster) != before, "the operator puts the new key digest on the pod templates");
        var digest = await DigestAsync(cluster);
        await cluster.EventuallyAsync(async () =>
        {
            var pods = (await cluster.Client.CoreV1.ListNamespacedPodAsync(ClusterHarness.Namespace)).Items
                .Where(pod => pod.Metadata.Annotations?.ContainsKey(AuthHash) == true).ToList();
            return pods.Count == 5 && pods.All(pod => pod.Metadata.Annotations[AuthHash] == digest
                && pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true);
        }, "the 3 store and 2 directory pods all run the new template and are ready", TimeSpan.FromSeconds(180));
        await cluster.WaitForReadyAsync();
    }

    private static async Task<string> DigestAsync(ClusterHarness cluster) =>
        (await cluster.Client.AppsV1.ReadNamespacedStatefulSetAsync($"{ClusterHarness.Name}-store", ClusterHarness.Namespace)).Spec.Template.Metadata.Annotations[AuthHash];
}
