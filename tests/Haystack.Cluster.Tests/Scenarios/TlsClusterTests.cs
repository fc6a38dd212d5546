using Haystack.Client;
using Haystack.Cluster.Tests.Harness;
using Haystack.Operator.Builders;
using Haystack.Operator.Entities;
using Haystack.Protocol;
using Haystack.Testing;
using k8s.Models;

namespace Haystack.Cluster.Tests.Scenarios;

/// <summary>
/// spec.tls end to end: a CA made in the test signs a certificate for the cluster's Service and pod names, given as
/// the kubernetes.io/tls Secret cert-manager would write; the operator renders every pod with it and reaches the
/// stores over https, and applications reach the directory Service over https only.
/// </summary>
public sealed class TlsClusterTests
{
    private static readonly Uri SecureDirectoryUrl = new UriBuilder(ClusterHarness.DirectoryUrl) { Scheme = Uri.UriSchemeHttps }.Uri;

    [Fact]
    public async Task A_cluster_with_spec_tls_takes_an_upload_over_https_verified_against_its_ca_and_refuses_plain_http()
    {
        using var authority = new TestAuthority("Haystack cluster CA", ClusterHarness.ServedHostNames);
        var spec = ClusterHarness.SmallSpec();
        spec.Tls = new TlsSpec { SecretName = "photos-tls" };
        var secret = new V1Secret { Metadata = new V1ObjectMeta { Name = "photos-tls" }, Type = "kubernetes.io/tls", Data = authority.SecretData() };
        await using var cluster = await ClusterHarness.StartAsync(spec, secrets: [secret]);

        await cluster.WaitForReadyAsync();
        using var https = cluster.HttpsClient(TrustedAuthority.Load(authority.CaFile));
        var key = await cluster.ReadKeyAsync(ClusterAuth.Effective(await cluster.ReadClusterAsync()));
        var photos = new HaystackClient(https, new HaystackClientOptions { DirectoryUrl = SecureDirectoryUrl, MaxRetries = 5, Key = key });
        var photo = PhotoBytes.Make(7, 200_000);
        var uploaded = await photos.UploadAsync(photo, "image/jpeg");
        var read = await photos.GetFromReplicasAsync(uploaded.Id);

        Assert.Equal(photo, read.Data);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => cluster.Http.GetAsync(new Uri(ClusterHarness.DirectoryUrl, "healthz")));
        using var other = new TestAuthority("Some other CA");
        using var untrusting = cluster.HttpsClient(TrustedAuthority.Load(other.CaFile));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => untrusting.GetAsync(new Uri(SecureDirectoryUrl, "healthz")));
    }
}
