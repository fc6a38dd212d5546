using System.Text.Json.Nodes;
using Haystack.Install.Tests.Support;
using Haystack.Operator.Yaml;
using Haystack.Testing;

namespace Haystack.Install.Tests;

/// <summary>
/// The chart grants what config/operator grants (whose rules the operator's tests derive from what it
/// calls): cluster rights in ClusterRoles, the Lease only in the operator's namespace, and with
/// watchNamespace the namespaced rights only there.
/// </summary>
public sealed class ChartRbacTests
{
    [Fact]
    public void Chart_cluster_roles_grant_exactly_what_config_operator_grants()
    {
        var config = Manifests("clusterrole.yaml");

        var chart = Chart.Render().Where(o => Chart.Kind(o) == "ClusterRole");

        Assert.Equal(RbacRules.Grants(config).Order(), RbacRules.Grants(chart).Order());
    }

    [Fact]
    public void Chart_leader_election_role_grants_exactly_what_config_operator_grants_in_the_release_namespace()
    {
        var config = Manifests("leader-election-role.yaml").Where(o => Chart.Kind(o) == "Role");

        var role = Chart.Single(Chart.Render(), "Role");

        Assert.Equal(Chart.Namespace, role["metadata"]!["namespace"]!.GetValue<string>());
        Assert.Equal(RbacRules.Grants(config).Order(), RbacRules.Grants([role]).Order());
        Assert.All(RbacRules.Grants([role]), grant => Assert.Equal("leases", grant.Resource));
    }

    [Fact]
    public void No_cluster_role_grants_leases_wildcards_or_more_than_a_get_and_create_of_secrets()
    {
        var grants = RbacRules.Grants(Chart.Render(Chart.AllOptionsValues).Where(o => Chart.Kind(o) == "ClusterRole"));

        Assert.DoesNotContain(grants, g => g.Resource == "leases");
        Assert.DoesNotContain(grants, g => g.Group == "*" || g.Resource == "*" || g.Verb == "*");
        // Secrets only by name: the key's Secret is read for the operator's calls to the stores and created once when
        // spec.auth names none; never listed, watched, updated or deleted.
        Assert.Equal(new[] { "create", "get" }, grants.Where(g => g.Resource == "secrets").Select(g => g.Verb).Distinct().Order());
    }

    [Fact]
    public void With_a_watch_namespace_the_namespaced_rights_are_bound_there_only_and_nodes_stay_cluster_wide()
    {
        var objects = Chart.Render(Chart.AllOptionsValues);

        var bindings = objects.Where(o => Chart.Kind(o) is "RoleBinding" or "ClusterRoleBinding")
            .ToDictionary(o => o["roleRef"]!["name"]!.GetValue<string>());
        var main = bindings["haystack-operator"];
        Assert.Equal("RoleBinding", Chart.Kind(main));
        Assert.Equal("photos", main["metadata"]!["namespace"]!.GetValue<string>());
        Assert.Equal("ClusterRoleBinding", Chart.Kind(bindings["haystack-operator-nodes"]));
        Assert.Equal(["nodes"], RbacRules.Grants([Chart.Single(objects, "ClusterRole", "haystack-operator-nodes")]).Select(g => g.Resource).Distinct());
        Assert.All(bindings.Values, b => Assert.Equal("photos-operator", b["subjects"]![0]!["name"]!.GetValue<string>()));
    }

    private static List<JsonObject> Manifests(string file) =>
        YamlReader.ReadDocuments(File.ReadAllText(RepositoryRoot.Combine("config", "operator", file))).Select(d => d.AsObject()).ToList();
}
