using System.Text.Json.Nodes;

namespace Haystack.Kubernetes.Tests.Api;

/// <summary>Each typed method reaches the resource its name promises.</summary>
public sealed class TypedSurfaceTests : FakeServerTest
{
    public static TheoryData<string, string> ReadMethods => new()
    {
        { nameof(CoreV1Operations.ReadNamespacedPodAsync), "pods" },
        { nameof(CoreV1Operations.ReadNamespacedServiceAsync), "services" },
        { nameof(CoreV1Operations.ReadNamespacedConfigMapAsync), "configmaps" },
        { nameof(CoreV1Operations.ReadNamespacedSecretAsync), "secrets" },
        { nameof(CoreV1Operations.ReadNamespacedServiceAccountAsync), "serviceaccounts" },
        { nameof(CoreV1Operations.ReadNamespacedPersistentVolumeClaimAsync), "persistentvolumeclaims" },
        { nameof(CoreV1Operations.ReadNamespacedEventAsync), "events" },
        { nameof(AppsV1Operations.ReadNamespacedStatefulSetAsync), "statefulsets.apps" },
        { nameof(AppsV1Operations.ReadNamespacedDeploymentAsync), "deployments.apps" },
        { nameof(BatchV1Operations.ReadNamespacedJobAsync), "jobs.batch" },
        { nameof(BatchV1Operations.ReadNamespacedCronJobAsync), "cronjobs.batch" },
        { nameof(PolicyV1Operations.ReadNamespacedPodDisruptionBudgetAsync), "poddisruptionbudgets.policy" },
        { nameof(CoordinationV1Operations.ReadNamespacedLeaseAsync), "leases.coordination.k8s.io" },
        { nameof(RbacAuthorizationV1Operations.ReadNamespacedRoleAsync), "roles.rbac.authorization.k8s.io" },
        { nameof(RbacAuthorizationV1Operations.ReadNamespacedRoleBindingAsync), "rolebindings.rbac.authorization.k8s.io" },
    };

    [Theory]
    [MemberData(nameof(ReadMethods))]
    public async Task Typed_read_asks_for_its_own_resource(string method, string resource)
    {
        var read = typeof(IKubernetes).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Operations", StringComparison.Ordinal))
            .Select(t => t.GetMethod(method))
            .Single(m => m is not null)!;

        var call = (Task)read.Invoke(null, [Client, "missing", Ns, CancellationToken.None])!;
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => call);

        Assert.Equal($"{resource} \"missing\" not found", error.Status.Message);
    }

    [Fact]
    public async Task Every_built_in_kind_round_trips_through_the_generic_core()
    {
        foreach (var kind in ResourceKind.BuiltIn)
        {
            var ns = kind.Namespaced ? Ns : null;
            var body = new JsonObject
            {
                ["apiVersion"] = kind.ApiVersion,
                ["kind"] = kind.Kind,
                ["metadata"] = new JsonObject { ["name"] = "probe" },
            };

            var created = await Client.CreateAsync(kind, body, ns);
            var read = await Client.GetAsync<JsonObject>(kind, "probe", ns);
            await Client.DeleteAsync(kind, "probe", ns);

            Assert.Equal(created["metadata"]!["uid"]!.GetValue<string>(), read["metadata"]!["uid"]!.GetValue<string>());
            Assert.Null(await Client.GetOrDefaultAsync<JsonObject>(kind, "probe", ns));
        }
    }
}
