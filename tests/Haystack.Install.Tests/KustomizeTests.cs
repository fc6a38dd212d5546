using System.Text.Json.Nodes;
using Haystack.Install.Tests.Support;
using Haystack.Operator.Yaml;
using Haystack.Testing;

namespace Haystack.Install.Tests;

/// <summary>`kubectl apply -k config/default` installs the CRDs, the namespace, the RBAC and the operator, all valid.</summary>
public sealed class KustomizeTests
{
    private static readonly IReadOnlyList<JsonObject> Built = Chart.Parse(InstalledTool.Kubectl("kustomize", "config/default").Succeeded());

    [Fact]
    public void Config_default_builds_objects_valid_for_their_schemas()
    {
        ObjectValidation.AssertValid(Built);
    }

    [Fact]
    public void Config_default_holds_the_crds_and_every_operator_manifest()
    {
        var expected = System.IO.Directory.GetFiles(RepositoryRoot.Combine("crds"), "*.yaml")
            .Concat(System.IO.Directory.GetFiles(RepositoryRoot.Combine("config", "operator"), "*.yaml"))
            .SelectMany(path => YamlReader.ReadDocuments(File.ReadAllText(path)))
            .Select(o => $"{o["kind"]}/{o["metadata"]!["name"]}");

        Assert.Equal(expected.Order(), Built.Select(o => $"{Chart.Kind(o)}/{Chart.Name(o)}").Order());
    }

    [Fact]
    public void Config_default_puts_every_namespaced_object_in_haystack_system()
    {
        var clusterScoped = new HashSet<string> { "Namespace", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding" };

        Assert.All(Built.Where(o => !clusterScoped.Contains(Chart.Kind(o))),
            o => Assert.Equal("haystack-system", o["metadata"]!["namespace"]?.GetValue<string>()));
    }
}
