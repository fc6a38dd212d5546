using System.Text.Json.Nodes;
using Haystack.Operator.Builders;
using Haystack.Operator.Controller;
using Haystack.Operator.Entities;
using Haystack.Operator.Tests.Support;
using Haystack.Operator.Yaml;
using Haystack.Testing;

namespace Haystack.Operator.Tests.Manifests;

/// <summary>config/operator: valid Kubernetes objects whose RBAC allows exactly what the operator does.</summary>
public sealed class OperatorManifestTests
{
    private static readonly IReadOnlyList<JsonNode> Manifests = Directory
        .GetFiles(RepositoryRoot.Combine("config", "operator"), "*.yaml")
        .Order()
        .SelectMany(path => YamlReader.ReadDocuments(File.ReadAllText(path)))
        .ToList();

    [Fact]
    public void Manifests_are_valid_kubernetes_objects()
    {
        var errors = NodeValidator.ValidateKubernetesObjects(Manifests);

        Assert.Equal(7, Manifests.Count);
        Assert.All(errors, Assert.Empty);
    }

    [Fact]
    public void Cluster_role_allows_every_write_and_watch_of_the_operator()
    {
        IEnumerable<(string Group, string Plural, string Verb)> required = HaystackClusterController.OwnedKinds
            .SelectMany(kind => new[] { "get", "list", "watch", "patch" }.Select(verb => (kind.Group, kind.Plural, verb)))
            .Concat(new[] { "get", "list", "watch" }.Select(verb => (HaystackApi.Group, HaystackResourceKinds.Clusters.Plural, verb)))
            .Append((HaystackApi.Group, "haystackclusters/status", "update"))
            .Concat(new[] { "list", "watch", "create" }.Select(verb => (HaystackApi.Group, HaystackResourceKinds.Volumes.Plural, verb)))
            .Append((HaystackApi.Group, "volumes/status", "update"))
            .Append(("", "pods", "list"))
            .Append(("", "persistentvolumeclaims", "list"))
            .Append(("", "nodes", "get"))
            .Append(("", "secrets", "get"))
            .Append(("", "secrets", "create"))
            .Append(("", "events", "create"));

        var granted = Grants(Manifests.Single(m => m["kind"]!.GetValue<string>() == "ClusterRole"));

        Assert.All(required, need => Assert.True(granted.Contains(need), $"the operator's ClusterRole lacks {need.Verb} on {need.Plural}.{need.Group}"));
    }

    [Fact]
    public void The_lease_is_granted_in_the_operator_namespace_only()
    {
        var role = Manifests.Single(m => m["kind"]!.GetValue<string>() == "Role");
        var lease = (Group: "coordination.k8s.io", Plural: "leases");

        Assert.Equal("haystack-system", role["metadata"]!["namespace"]!.GetValue<string>());
        Assert.Subset(Grants(role), new[] { "get", "create", "update" }.Select(verb => (lease.Group, lease.Plural, verb)).ToHashSet());
        Assert.DoesNotContain(Grants(Manifests.Single(m => m["kind"]!.GetValue<string>() == "ClusterRole")), g => g.Plural == lease.Plural);
    }

    [Fact]
    public void Operator_holds_every_permission_it_grants_the_data_pods()
    {
        var operatorGrants = Grants(Manifests.Single(m => m["kind"]!.GetValue<string>() == "ClusterRole"));
        var dataRole = KubectlYaml.ToJson(DataPodAccess.Role(TestClusters.Full()));

        // RBAC refuses to let anyone grant what they do not hold themselves.
        Assert.Subset(operatorGrants, Grants(dataRole));
    }

    [Fact]
    public void Deployment_runs_the_operator_verb_with_leader_election_and_probes_on_its_http_port()
    {
        var deployment = Manifests.Single(m => m["kind"]!.GetValue<string>() == "Deployment");
        var container = deployment["spec"]!["template"]!["spec"]!["containers"]![0]!;

        Assert.Equal(["operator", "run", "--leader-elect=true", "--http-port=8080", "--log-format=text"], Strings(container["args"]));
        Assert.Equal(8080, container["ports"]![0]!["containerPort"]!.GetValue<long>());
        Assert.Equal("/healthz", container["livenessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        Assert.Equal("/readyz", container["readinessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        Assert.Equal("haystack-operator", deployment["spec"]!["template"]!["spec"]!["serviceAccountName"]!.GetValue<string>());
    }

    private static HashSet<(string Group, string Plural, string Verb)> Grants(JsonNode role) =>
        role["rules"]!.AsArray()
            .SelectMany(rule =>
                from apiGroup in Strings(rule!["apiGroups"])
                from resource in Strings(rule["resources"])
                from verb in Strings(rule["verbs"])
                select (apiGroup, resource, verb))
            .ToHashSet();

    private static IEnumerable<string> Strings(JsonNode? list) => list!.AsArray().Select(n => n!.GetValue<string>());
}
