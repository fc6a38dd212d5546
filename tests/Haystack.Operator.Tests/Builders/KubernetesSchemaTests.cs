using System.Text.Json.Nodes;
using Haystack.Operator.Reconciliation;
using Haystack.Operator.Tests.Support;
using Haystack.Operator.Yaml;
using Haystack.Testing;

namespace Haystack.Operator.Tests.Builders;

/// <summary>Everything the operator creates is valid for Kubernetes' own OpenAPI schemas (kubernetes-models, offline).</summary>
public sealed class KubernetesSchemaTests
{
    [Fact]
    public void Rendered_objects_of_every_sample_cluster_are_valid_kubernetes_objects()
    {
        var objects = new[] { TestClusters.Full(), TestClusters.Minimal() }
            .SelectMany(cluster => YamlReader.ReadDocuments(ClusterRendering.Render(cluster)))
            .ToList();

        var errors = NodeValidator.ValidateKubernetesObjects(objects);

        Assert.Equal(14 * 2, objects.Count);
        var invalid = objects.Zip(errors).Where(pair => pair.Second.Count > 0)
            .Select(pair => $"{pair.First["kind"]} {pair.First["metadata"]!["name"]}: {string.Join("; ", pair.Second)}");
        Assert.Empty(invalid);
    }

    [Fact]
    public void The_validator_rejects_an_object_kubernetes_would_refuse()
    {
        var service = YamlReader.ReadDocuments(ClusterRendering.Render(TestClusters.Minimal()))
            .First(o => o["kind"]!.GetValue<string>() == "Service")
            .AsObject();
        service["spec"]!["ports"]![0]!["port"] = "eighty";

        var errors = NodeValidator.ValidateKubernetesObjects([service]).Single();

        Assert.NotEmpty(errors);
    }
}
