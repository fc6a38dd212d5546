using k8s.Models;
using Haystack.Operator.Builders;
using Haystack.Operator.Entities;
using Haystack.Operator.Tests.Support;

namespace Haystack.Operator.Tests.Builders;

/// <summary>
/// spec.tls on every pod the operator makes: the Secret mounted read-only, the servers pointed at its files, HTTPS
/// probes and https in every URL; without it, none of that. The golden file render-tls.yaml shows the whole of it.
/// </summary>
public sealed class TlsBuilderTests
{
    public static TheoryData<string> Pods() => new(PodsOf.Keys);

    private static readonly Dictionary<string, Func<V1Alpha1HaystackCluster, V1PodSpec>> PodsOf = new()
    {
        ["store"] = cluster => StoreStatefulSet.Build(cluster).Spec!.Template.Spec!,
        ["directory"] = cluster => DirectoryDeployment.Build(cluster).Spec!.Template.Spec!,
        ["cache"] = cluster => CacheStatefulSet.Build(cluster).Spec!.Template.Spec!,
        ["compaction"] = cluster => CompactionCronJob.Build(cluster).Spec!.JobTemplate.Spec!.Template.Spec!,
    };

    [Theory]
    [MemberData(nameof(Pods))]
    public void Every_pod_mounts_the_tls_secret_read_only_and_trusts_its_ca(string pod)
    {
        var spec = PodsOf[pod](TestClusters.Tls());

        var volume = Assert.Single(spec.Volumes!, v => v.Secret is not null);
        Assert.Equal("photos-tls", volume.Secret!.SecretName);
        Assert.Null(volume.Secret.Items);
        var container = Assert.Single(spec.Containers);
        var mount = Assert.Single(container.VolumeMounts!, m => m.Name == volume.Name);
        Assert.True(mount.ReadOnlyProperty);
        Assert.Null(mount.SubPath);
        Assert.Equal($"{mount.MountPath}/ca.crt", ArgAfter(container, "--tls-ca"));
    }

    [Theory]
    [InlineData("store")]
    [InlineData("directory")]
    [InlineData("cache")]
    public void Every_server_serves_the_secret_certificate_and_is_probed_over_https(string pod)
    {
        var container = Assert.Single(PodsOf[pod](TestClusters.Tls()).Containers);

        Assert.Equal("/etc/haystack-tls/tls.crt", ArgAfter(container, "--tls-cert"));
        Assert.Equal("/etc/haystack-tls/tls.key", ArgAfter(container, "--tls-key"));
        var probes = new[] { container.LivenessProbe, container.ReadinessProbe, container.StartupProbe }.OfType<V1Probe>().ToList();
        Assert.NotEmpty(probes);
        Assert.All(probes, probe => Assert.Equal("HTTPS", probe.HttpGet!.Scheme));
    }

    [Theory]
    [InlineData("directory")]
    [InlineData("cache")]
    [InlineData("compaction")]
    public void Every_url_in_the_args_is_https(string pod)
    {
        var container = Assert.Single(PodsOf[pod](TestClusters.Tls()).Containers);

        var urls = container.Args!.Where(arg => arg.Contains("://", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(urls);
        Assert.All(urls, url => Assert.StartsWith("https://", url, StringComparison.Ordinal));
    }

    [Fact]
    public void The_directory_builds_https_replica_urls_from_the_volume_placements()
    {
        var container = Assert.Single(DirectoryDeployment.Build(TestClusters.Tls()).Spec!.Template.Spec!.Containers);

        Assert.Equal("https", ArgAfter(container, "--store-scheme"));
    }

    [Fact]
    public void The_config_map_names_the_scheme()
    {
        Assert.Contains("\"scheme\": \"https\"", ClusterConfigMap.Build(TestClusters.Tls()).Data![ClusterConfigMap.FileName], StringComparison.Ordinal);
        Assert.Contains("\"scheme\": \"http\"", ClusterConfigMap.Build(TestClusters.Full()).Data![ClusterConfigMap.FileName], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Pods))]
    public void Without_spec_tls_nothing_of_it_is_rendered(string pod)
    {
        var spec = PodsOf[pod](TestClusters.Full());

        Assert.DoesNotContain(spec.Volumes ?? [], v => v.Secret is not null);
        var container = Assert.Single(spec.Containers);
        Assert.DoesNotContain(container.Args!, arg => arg.StartsWith("--tls-", StringComparison.Ordinal) || arg.StartsWith("https://", StringComparison.Ordinal));
        Assert.All(new[] { container.LivenessProbe, container.ReadinessProbe }.OfType<V1Probe>(), probe => Assert.Null(probe.HttpGet!.Scheme));
    }

    private static string ArgAfter(V1Container container, string flag)
    {
        var index = container.Args!.IndexOf(flag);
        Assert.True(index >= 0, $"{container.Name} has no {flag}: {string.Join(' ', container.Args!)}");
        return container.Args[index + 1];
    }
}
