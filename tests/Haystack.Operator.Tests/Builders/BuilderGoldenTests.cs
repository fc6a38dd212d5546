using k8s;
using k8s.Models;
using Haystack.Operator.Builders;
using Haystack.Operator.Entities;
using Haystack.Operator.Reconciliation;
using Haystack.Operator.Tests.Support;
using Haystack.Operator.Yaml;

namespace Haystack.Operator.Tests.Builders;

/// <summary>
/// Every builder's output for the full sample cluster, compared with a checked-in YAML file.
/// Refresh with hack/update-golden.sh after an intended change, and review the diff.
/// </summary>
public sealed class BuilderGoldenTests
{
    public static TheoryData<string> Builders() => new(BuiltObjects.Keys);

    private static readonly Dictionary<string, Func<V1Alpha1HaystackCluster, IKubernetesObject<V1ObjectMeta>>> BuiltObjects = new()
    {
        ["store-statefulset"] = StoreStatefulSet.Build,
        ["store-service"] = StoreService.Build,
        ["store-pdb"] = DisruptionBudget.Store,
        ["directory-deployment"] = DirectoryDeployment.Build,
        ["directory-service"] = DirectoryService.Build,
        ["directory-pdb"] = DisruptionBudget.Directory,
        ["cache-statefulset"] = CacheStatefulSet.Build,
        ["cache-service"] = CacheService.Build,
        ["cache-pdb"] = DisruptionBudget.Cache,
        ["configmap"] = ClusterConfigMap.Build,
        ["serviceaccount"] = DataPodAccess.ServiceAccount,
        ["role"] = DataPodAccess.Role,
        ["rolebinding"] = DataPodAccess.RoleBinding,
        ["compaction-cronjob"] = CompactionCronJob.Build,
    };

    [Theory]
    [MemberData(nameof(Builders))]
    public void Builder_matches_its_golden_file(string builder)
    {
        var built = BuiltObjects[builder](TestClusters.Full());

        Golden.AssertMatches($"tests/Haystack.Operator.Tests/Golden/{builder}.yaml", KubectlYaml.Serialize(built));
    }

    [Fact]
    public void Render_of_the_minimal_sample_matches_its_golden_file()
    {
        Golden.AssertMatches("tests/Haystack.Operator.Tests/Golden/render-minimal.yaml", ClusterRendering.Render(TestClusters.Minimal()));
    }

    [Fact]
    public void Render_of_the_tls_sample_matches_its_golden_file()
    {
        Golden.AssertMatches("tests/Haystack.Operator.Tests/Golden/render-tls.yaml", ClusterRendering.Render(TestClusters.Tls()));
    }

    [Fact]
    public void Every_builder_is_covered_by_a_golden_file()
    {
        var rendered = ReconcileSteps.DesiredChildren(TestClusters.Full()).Select(c => c.Object.GetType()).ToList();
        var golden = BuiltObjects.Values.Select(build => build(TestClusters.Full()).GetType()).ToList();

        Assert.Equal(rendered.Count, golden.Count);
        Assert.Equal(rendered.Select(t => t.Name).Order(), golden.Select(t => t.Name).Order());
    }
}
