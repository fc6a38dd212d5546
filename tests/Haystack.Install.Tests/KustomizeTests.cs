using System.Text.Json.Nodes;
using Haystack.Install.Tests.Support;
using Haystack.Operator.Tests.Support;
using Haystack.Operator.Yaml;
using Haystack.Testing;

namespace Haystack.Install.Tests;

/// <summary>`kubectl apply -k config/default` installs the CRDs, the namespace, the RBAC and the operator, all valid.</summary>
public sealed class KustomizeTests
{
    private static readonly IReadOnlyList<JsonObject> Built = Chart.Parse(InstalledTool.Kubectl("kustomize", "config/default").Succeeded());

    [Fact]
    public void ConfigDefault_BuildsObjectsValidForTheirSchemas()
    {
        ObjectValidation.AssertValid(Built);
    }

    [Fact]
    public void ConfigDefault_HoldsTheCrdsAndEveryOperatorManifest()
    {
        var expected = System.IO.Directory.GetFiles(RepositoryRoot.Combine("crds"), "*.yaml")
            .Concat(System.IO.Directory.GetFiles(RepositoryRoot.Combine("config", "operator"), "*.yaml"))
            .SelectMany(path => YamlReader.ReadDocuments(File.ReadAllText(path)))
            .Select(o => $"{o["kind"]}/{o["metadata"]!["name"]}");

        Assert.Equal(expected.Order(), Built.Select(o => $"{Chart.Kind(o)}/{Chart.Name(o)}").Order());
    }

    [Fact]
    public void ConfigDefault_PutsEveryNamespacedObjectInHaystackSystem()
    {
        var clusterScoped = new HashSet<string> { "Namespace", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding" };

        Assert.All(Built.Where(o => !clusterScoped.Contains(Chart.Kind(o))),
            o => Assert.Equal("haystack-system", o["metadata"]!["namespace"]?.GetValue<string>()));
    }
}
