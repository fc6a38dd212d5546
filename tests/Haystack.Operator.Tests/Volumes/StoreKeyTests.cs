using System.Text;
using Haystack.Operator.Entities;
using Haystack.Operator.Status;
using Haystack.Protocol;
using k8s;
using k8s.Models;

namespace Haystack.Operator.Tests.Volumes;

/// <summary>The stores refuse admin calls without the cluster's key; the operator presents it from the Secret (spec.auth's, else the generated one).</summary>
public sealed class StoreKeyTests
{
    private static readonly string Key = AccessKeys.Generate();

    [Fact]
    public async Task Volumes_are_created_on_stores_that_demand_the_key_named_by_spec_auth()
    {
        await using var fleet = await StartGuardedAsync();
        await fleet.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "photos-token" },
            Data = new Dictionary<string, byte[]> { ["token"] = Encoding.UTF8.GetBytes(Key + "\n") },
        }, StorePodFleet.Namespace);

        await fleet.ReconcileAsync();

        var volumes = await fleet.VolumesAsync();
        Assert.Equal(2, volumes.Count);
        Assert.All(volumes, v => Assert.Equal(VolumePhase.Writable, v.Status!.Phase));
        Assert.Equal(new uint[] { 1, 2 }, await fleet.PhysicalVolumesAsync(0));
    }

    [Fact]
    public async Task A_missing_secret_fails_the_reconcile_naming_it_and_creates_no_volume()
    {
        await using var fleet = await StartGuardedAsync();

        await fleet.ReconcileAsync();

        var reconciled = ConditionList.Find((await fleet.Api.GetClusterAsync()).Status!.Conditions, ConditionTypes.Reconciled)!;
        Assert.Equal("False", reconciled.Status);
        Assert.Contains("store-key", reconciled.Message);
        Assert.Contains("photos-token", reconciled.Message);
        Assert.Empty(await fleet.VolumesAsync());
        Assert.Empty(await fleet.PhysicalVolumesAsync(0));
    }

    [Fact]
    public async Task Without_spec_auth_volumes_are_created_on_stores_that_demand_the_key_the_operator_generated()
    {
        await using var fleet = await StorePodFleet.StartAsync(["node-a", "node-b", "node-c"], generatedKey: true);

        await fleet.ReconcileAsync();

        var volumes = await fleet.VolumesAsync();
        Assert.Equal(2, volumes.Count);
        Assert.All(volumes, v => Assert.Equal(VolumePhase.Writable, v.Status!.Phase));
        Assert.Equal(new uint[] { 1, 2 }, await fleet.PhysicalVolumesAsync(0));
    }

    [Fact]
    public async Task Without_spec_auth_a_secret_the_user_made_is_the_key_presented_to_the_stores()
    {
        await using var fleet = await StorePodFleet.StartAsync(["node-a", "node-b", "node-c"], storeKeys: new AccessKeys(Key));
        await fleet.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "photos-auth" },
            Data = new Dictionary<string, byte[]> { ["token"] = Encoding.UTF8.GetBytes(Key) },
        }, StorePodFleet.Namespace);

        await fleet.ReconcileAsync();

        Assert.Equal(2, (await fleet.VolumesAsync()).Count);
        Assert.Equal(new uint[] { 1, 2 }, await fleet.PhysicalVolumesAsync(0));
    }

    private static Task<StorePodFleet> StartGuardedAsync() => StorePodFleet.StartAsync(
        ["node-a", "node-b", "node-c"],
        edit: cluster => cluster.Spec.Auth = new AuthSpec { SecretName = "photos-token", Key = "token" },
        storeKeys: new AccessKeys(Key));
}
