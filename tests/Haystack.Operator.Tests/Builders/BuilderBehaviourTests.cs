using k8s.Models;
using Haystack.Operator.Builders;
using Haystack.Operator.Entities;
using Haystack.Operator.Reconciliation;
using Haystack.Operator.Tests.Support;

namespace Haystack.Operator.Tests.Builders;

/// <summary>The rules behind the golden files, stated so that a refreshed golden file cannot quietly break them.</summary>
public sealed class BuilderBehaviourTests
{
    [Fact]
    public void Store_disks_come_from_the_configured_storage_class_and_size()
    {
        var cluster = TestClusters.Full();

        var claim = Assert.Single(StoreStatefulSet.Build(cluster).Spec!.VolumeClaimTemplates!);

        Assert.Equal("local-xfs", claim.Spec!.StorageClassName);
        Assert.Equal("500Gi", claim.Spec.Resources!.Requests!["storage"].ToString());
        Assert.Equal(["ReadWriteOnce"], claim.Spec.AccessModes!);
    }

    [Fact]
    public void Store_runs_the_same_image_with_the_store_verb_on_its_disk()
    {
        var cluster = TestClusters.Full();

        var container = Assert.Single(StoreStatefulSet.Build(cluster).Spec!.Template.Spec!.Containers);

        Assert.Equal(cluster.Spec.Image, container.Image);
        Assert.Equal(["store", "--data", "/data", "--port", "8080"], container.Args!.Take(5));
        Assert.Contains(container.VolumeMounts!, m => m.Name == "data" && m.MountPath == "/data");
        Assert.Equal("/healthz", container.LivenessProbe!.HttpGet!.Path);
        Assert.Equal("/readyz", container.ReadinessProbe!.HttpGet!.Path);
    }

    [Fact]
    public void Store_pods_are_kept_on_distinct_nodes_and_spread_over_zones()
    {
        var spec = StoreStatefulSet.Build(TestClusters.Full()).Spec!.Template.Spec!;

        var required = Assert.Single(spec.Affinity!.PodAntiAffinity!.RequiredDuringSchedulingIgnoredDuringExecution!);
        Assert.Equal("kubernetes.io/hostname", required.TopologyKey);
        var zones = Assert.Single(spec.TopologySpreadConstraints!);
        Assert.Equal(("topology.kubernetes.io/zone", "ScheduleAnyway", 1), (zones.TopologyKey, zones.WhenUnsatisfiable, zones.MaxSkew));
    }

    [Fact]
    public void Schedule_anyway_across_nodes_turns_the_anti_affinity_into_a_preference()
    {
        var cluster = TestClusters.Full();
        cluster.Spec.Topology.AcrossNodes = SpreadPolicy.ScheduleAnyway;

        var antiAffinity = StoreStatefulSet.Build(cluster).Spec!.Template.Spec!.Affinity!.PodAntiAffinity!;

        Assert.Null(antiAffinity.RequiredDuringSchedulingIgnoredDuringExecution);
        Assert.Equal("kubernetes.io/hostname", Assert.Single(antiAffinity.PreferredDuringSchedulingIgnoredDuringExecution!).PodAffinityTerm.TopologyKey);
    }

    [Fact]
    public void The_key_comes_from_the_auth_secret_when_auth_is_configured_else_from_the_generated_one()
    {
        var withAuth = TestClusters.Full();
        var withoutAuth = TestClusters.Minimal();

        var named = DirectoryDeployment.Build(withAuth).Spec!.Template.Spec!.Containers[0].Env!.Single(e => e.Name == "HAYSTACK_KEY");
        var generated = DirectoryDeployment.Build(withoutAuth).Spec!.Template.Spec!.Containers[0].Env!.Single(e => e.Name == "HAYSTACK_KEY");

        Assert.Equal(("photos-token", "token"), (named.ValueFrom!.SecretKeyRef!.Name, named.ValueFrom.SecretKeyRef.Key));
        Assert.Equal(($"{withoutAuth.Metadata.Name}-auth", "token"), (generated.ValueFrom!.SecretKeyRef!.Name, generated.ValueFrom.SecretKeyRef.Key));
    }

    [Fact]
    public void Every_container_takes_an_optional_previous_key_from_the_same_secret_as_its_key_for_both_auth_sources()
    {
        foreach (var cluster in new[] { TestClusters.Full(), TestClusters.Minimal() })
        {
            var containers = new[]
            {
                StoreStatefulSet.Build(cluster).Spec!.Template.Spec!.Containers,
                CacheStatefulSet.Build(cluster).Spec!.Template.Spec!.Containers,
                DirectoryDeployment.Build(cluster).Spec!.Template.Spec!.Containers,
                CompactionCronJob.Build(cluster).Spec!.JobTemplate.Spec!.Template.Spec!.Containers,
            }.SelectMany(c => c);
            Assert.All(containers, container =>
            {
                var key = container.Env!.Single(e => e.Name == "HAYSTACK_KEY").ValueFrom!.SecretKeyRef!;
                var previous = container.Env!.Single(e => e.Name == "HAYSTACK_PREVIOUS_KEY").ValueFrom!.SecretKeyRef!;
                Assert.Equal((key.Name, "previous", true), (previous.Name, previous.Key, previous.Optional));
                Assert.Null(key.Optional);
            });
        }
    }

    [Fact]
    public void Every_child_carries_the_standard_labels_and_the_controller_owner_reference()
    {
        var cluster = TestClusters.Full();

        foreach (var child in ReconcileSteps.DesiredChildren(cluster))
        {
            var labels = child.Object.Metadata.Labels!;
            Assert.Equal("haystack", labels[ClusterLabels.Name]);
            Assert.Equal("photos", labels[ClusterLabels.Instance]);
            Assert.Equal("haystack-operator", labels[ClusterLabels.ManagedBy]);
            Assert.Equal("0.1.0", labels[ClusterLabels.Version]);
            Assert.True(labels.ContainsKey(ClusterLabels.Component), $"{child} has no component label");
            var owner = Assert.Single(child.Object.Metadata.OwnerReferences!);
            Assert.Equal((HaystackApi.ApiVersion, "HaystackCluster", "photos", cluster.Metadata.Uid, true),
                (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid, owner.Controller));
            Assert.Equal("haystack", child.Namespace);
        }
    }

    [Fact]
    public void Selectors_stay_the_same_when_the_image_changes_while_pod_labels_follow_the_version()
    {
        var before = TestClusters.Full();
        var after = TestClusters.Full();
        after.Spec.Image = "ghcr.io/haystack/haystack:0.2.0";

        foreach (var build in new Func<V1Alpha1HaystackCluster, (V1LabelSelector Selector, V1PodTemplateSpec Template)>[]
                 {
                     c => StoreStatefulSet.Build(c).Spec is { } s ? (s.Selector, s.Template) : default,
                     c => CacheStatefulSet.Build(c).Spec is { } s ? (s.Selector, s.Template) : default,
                     c => DirectoryDeployment.Build(c).Spec is { } s ? (s.Selector, s.Template) : default,
                 })
        {
            var (selectorBefore, _) = build(before);
            var (selectorAfter, template) = build(after);
            Assert.Equal(selectorBefore.MatchLabels, selectorAfter.MatchLabels);
            Assert.DoesNotContain(ClusterLabels.Version, selectorAfter.MatchLabels!.Keys);
            Assert.All(selectorAfter.MatchLabels, label => Assert.Equal(label.Value, template.Metadata!.Labels![label.Key]));
            Assert.Equal("0.2.0", template.Metadata!.Labels![ClusterLabels.Version]);
        }
    }

    [Theory]
    [InlineData("ghcr.io/haystack/haystack:0.1.0", "0.1.0")]
    [InlineData("registry:5000/haystack", "latest")]
    [InlineData("registry:5000/haystack:v2+build", "v2_build")]
    [InlineData("haystack@sha256:abc", "digest")]
    public void Image_tag_becomes_a_valid_version_label(string image, string version) =>
        Assert.Equal(version, ClusterLabels.ImageVersion(image));

    [Fact]
    public void Input_hash_is_stable_for_the_same_spec_and_moves_with_it()
    {
        var first = InputHash.Stamp(StoreStatefulSet.Build(TestClusters.Full()));
        var again = InputHash.Stamp(StoreStatefulSet.Build(TestClusters.Full()));
        var changed = TestClusters.Full();
        changed.Spec.Store.Replicas = 7;

        Assert.Equal(first, again);
        Assert.NotEqual(first, InputHash.Stamp(StoreStatefulSet.Build(changed)));
    }

    [Fact]
    public void Stamping_twice_gives_the_same_hash()
    {
        var store = StoreStatefulSet.Build(TestClusters.Full());

        Assert.Equal(InputHash.Stamp(store), InputHash.Stamp(store));
    }

    [Fact]
    public void Every_service_port_is_served_by_a_named_container_port()
    {
        var cluster = TestClusters.Full();
        var pairs = new (V1Service Service, V1PodSpec Pods)[]
        {
            (StoreService.Build(cluster), StoreStatefulSet.Build(cluster).Spec!.Template.Spec!),
            (DirectoryService.Build(cluster), DirectoryDeployment.Build(cluster).Spec!.Template.Spec!),
            (CacheService.Build(cluster), CacheStatefulSet.Build(cluster).Spec!.Template.Spec!),
        };

        foreach (var (service, pods) in pairs)
        {
            var containerPorts = pods.Containers.SelectMany(c => c.Ports!).Select(p => p.Name).ToHashSet();
            Assert.All(service.Spec!.Ports!, port => Assert.Contains(port.TargetPort!.Value, containerPorts));
        }
    }

    [Fact]
    public void Directory_knows_every_store_pod_and_cache_pod_by_its_stable_name_and_the_volume_rules()
    {
        var cluster = TestClusters.Full();
        cluster.Spec.Store.Replicas = 4;
        cluster.Spec.Cache.Replicas = 1;

        var args = Assert.Single(DirectoryDeployment.Build(cluster).Spec!.Template.Spec!.Containers).Args!;

        Assert.Equal(
            Enumerable.Range(0, 4).Select(i => $"http://photos-store-{i}.photos-store.haystack.svc:8080"),
            ValuesOf(args, "--store"));
        Assert.Equal(["http://photos-cache-0.photos-cache.haystack.svc:8080"], ValuesOf(args, "--cache"));
        Assert.Equal(["3"], ValuesOf(args, "--replication"));
        Assert.Equal(["107374182400"], ValuesOf(args, "--volume-size-limit"));
        Assert.Equal(["0.95"], ValuesOf(args, "--read-only-threshold"));
    }

    [Fact]
    public void Directory_pods_keep_no_state_of_their_own_and_share_the_clusters_volume_table()
    {
        var deployment = DirectoryDeployment.Build(TestClusters.Full());
        var pods = deployment.Spec!.Template.Spec!;
        var args = Assert.Single(pods.Containers).Args!;

        Assert.Contains("--kubernetes", args);
        Assert.Equal(["photos"], ValuesOf(args, "--cluster"));
        Assert.Equal(["haystack"], ValuesOf(args, "--namespace"));
        Assert.Equal(["8080"], ValuesOf(args, "--store-port"));
        Assert.DoesNotContain("--state", args);
        Assert.DoesNotContain("--writable-volumes", args);
        Assert.All(pods.Volumes!, v => Assert.Null(v.EmptyDir));
        Assert.Equal(ClusterNames.DataServiceAccount(TestClusters.Full()), pods.ServiceAccountName);
    }

    [Fact]
    public void Cache_pod_names_itself_as_the_ring_names_it_through_the_pod_name_variable()
    {
        var cluster = TestClusters.Full();

        var container = Assert.Single(CacheStatefulSet.Build(cluster).Spec!.Template.Spec!.Containers);

        Assert.Equal(["http://photos-directory.haystack.svc:8080"], ValuesOf(container.Args!, "--directory"));
        Assert.Equal(
            ["http://photos-cache-0.photos-cache.haystack.svc:8080", "http://photos-cache-1.photos-cache.haystack.svc:8080"],
            ValuesOf(container.Args!, "--node"));
        var self = Assert.Single(ValuesOf(container.Args!, "--self"));
        Assert.Contains(ValuesOf(container.Args!, "--node"), node => node == self.Replace("$(POD_NAME)", "photos-cache-1", StringComparison.Ordinal));
        Assert.Equal("metadata.name", Assert.Single(container.Env!, e => e.Name == "POD_NAME").ValueFrom!.FieldRef!.FieldPath);
        Assert.Equal(["4294967296"], ValuesOf(container.Args!, "--capacity-bytes"));
    }

    private static List<string> ValuesOf(IList<string> args, string option) =>
        args.Select((arg, i) => (arg, i)).Where(a => a.arg == option).Select(a => args[a.i + 1]).ToList();
}
