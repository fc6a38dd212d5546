using Haystack.Hosting;
using Haystack.Operator.Entities;
using Haystack.Operator.Status;
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
    private static readonly string[] Nodes = ["node-a", "node-b", "node-c"];

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
        Assert.Equal(new uint[] { 1, 2 }, await fleet.PhysicalVolumesOverHttpsAsync(0, _authority.SecretData()));
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

    private Task<StorePodFleet> StartSecuredAsync() => StorePodFleet.StartAsync(
        Nodes,
        edit: cluster => cluster.Spec.Tls = new TlsSpec { SecretName = "photos-tls" },
        storeTls: new ServerTls(_authority.CertificateFile, _authority.KeyFile));

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
