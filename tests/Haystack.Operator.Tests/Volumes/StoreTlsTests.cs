using System.Text;
using Haystack.Hosting;
using Haystack.Operator.Entities;
using Haystack.Operator.Status;
using Haystack.Protocol;
using Haystack.Testing;
using k8s;
using k8s.Models;

namespace Haystack.Operator.Tests.Volumes;

/// <summary>
/// With spec.tls the stores serve only https with a certificate for their pod names; the operator calls them over
/// https, trusting only the ca.crt of the cluster's Secret, and a missing Secret or key fails the reconcile naming it.
/// </summary>
public sealed class StoreTlsTests : IDisposable
{
    private static readonly string[] Nodes = ["node-a", "node-b", "node-c", "node-d"];

    private readonly TestAuthority _authority = new(dnsNames: Enumerable.Range(0, Nodes.Length).Select(i => StorePodFleet.PodUrl(i).Host));

    [Fact]
    public async Task Volumes_are_created_over_https_on_stores_whose_certificate_chains_to_the_secret_ca()
    {
        await using var fleet = await StartSecuredAsync();
        await CreateSecretAsync(fleet, _authority.SecretData());

        await fleet.ReconcileAsync();

        var volumes = await fleet.VolumesAsync();
        Assert.Equal(2, volumes.Count);
        Assert.All(volumes, v => Assert.Equal(VolumePhase.Writable, v.Status!.Phase));
        var placed = volumes[0].Status!.Placements!.Select(p => p.Pod).ToList();
        Assert.Contains((uint)volumes[0].Spec.Id, await fleet.PhysicalVolumesOverHttpsAsync(OrdinalOf(placed[0]), _authority.SecretData()));
    }

    [Fact]
    public async Task A_lost_replica_is_rebuilt_by_a_pull_over_https_between_the_stores()
    {
        await using var fleet = await StartSecuredAsync();
        await CreateSecretAsync(fleet, _authority.SecretData());
        await fleet.ReconcileAsync();
        var volume = (await fleet.VolumesAsync()).First();
        var before = volume.Status!.Placements!.Select(p => p.Pod).ToList();
        var secure = fleet.Calls.WithTls(Encoding.UTF8.GetString(_authority.SecretData()[TlsSpec.AuthorityKey]), "the test's ca.crt");
        await secure.DeleteVolumeAsync(StorePodFleet.PodUrl(OrdinalOf(before[1])), (uint)volume.Spec.Id, CancellationToken.None);

        await fleet.ReconcileAsync();

        var after = (await fleet.VolumesAsync()).Single(v => v.Spec.Id == volume.Spec.Id);
        var rebuilt = Assert.Single(after.Status!.Placements!.Select(p => p.Pod).Except(before));
        Assert.All(after.Status.Placements!, p => Assert.Equal(ReplicaState.Healthy, p.State));
        Assert.Contains((uint)volume.Spec.Id, await fleet.PhysicalVolumesOverHttpsAsync(OrdinalOf(rebuilt), _authority.SecretData()));
    }

    [Fact]
    public async Task A_secret_whose_ca_did_not_sign_the_stores_certificates_gets_no_volume_created()
    {
        using var other = new TestAuthority("Some other CA");
        await using var fleet = await StartSecuredAsync();
        var data = _authority.SecretData();
        data[TlsSpec.AuthorityKey] = other.SecretData()[TlsSpec.AuthorityKey];
        await CreateSecretAsync(fleet, data);

        await fleet.ReconcileAsync();

        Assert.Empty(await fleet.VolumesAsync());
        Assert.Empty(await fleet.PhysicalVolumesOverHttpsAsync(0, _authority.SecretData()));
    }

    [Fact]
    public async Task A_missing_secret_fails_the_reconcile_naming_it()
    {
        await using var fleet = await StartSecuredAsync();

        await fleet.ReconcileAsync();

        var message = await ReconciledFailureAsync(fleet);
        Assert.Contains("store-tls", message);
        Assert.Contains("haystack/photos-tls", message);
        Assert.Empty(await fleet.VolumesAsync());
    }

    [Theory]
    [InlineData(TlsSpec.AuthorityKey)]
    [InlineData(TlsSpec.PrivateKeyKey)]
    [InlineData(TlsSpec.CertificateKey)]
    public async Task A_secret_without_one_of_its_keys_fails_the_reconcile_naming_the_key(string key)
    {
        await using var fleet = await StartSecuredAsync();
        var data = _authority.SecretData();
        data.Remove(key);
        await CreateSecretAsync(fleet, data);

        await fleet.ReconcileAsync();

        var message = await ReconciledFailureAsync(fleet);
        Assert.Contains($"has no {key}", message);
        Assert.Empty(await fleet.VolumesAsync());
    }

    public void Dispose() => _authority.Dispose();

    private static int OrdinalOf(string pod) => int.Parse(pod[(pod.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    private Task<StorePodFleet> StartSecuredAsync() => StorePodFleet.StartAsync(
        Nodes,
        edit: cluster => cluster.Spec.Tls = new TlsSpec { SecretName = "photos-tls" },
        storeTls: (new ServerTls(_authority.CertificateFile, _authority.KeyFile), TrustedAuthority.Load(_authority.CaFile)));

    private static Task CreateSecretAsync(StorePodFleet fleet, Dictionary<string, byte[]> data) =>
        fleet.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "photos-tls" },
            Type = "kubernetes.io/tls",
            Data = data,
        }, StorePodFleet.Namespace);

    private static async Task<string> ReconciledFailureAsync(StorePodFleet fleet)
    {
        var reconciled = ConditionList.Find((await fleet.Api.GetClusterAsync()).Status!.Conditions, ConditionTypes.Reconciled)!;
        Assert.Equal("False", reconciled.Status);
        return reconciled.Message;
    }
}
