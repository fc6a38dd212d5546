using Haystack.Install.Tests.Support;

namespace Haystack.Install.Tests;

/// <summary>values.schema.json refuses bad values before anything reaches the cluster, naming what is wrong.</summary>
public sealed class ChartValuesSchemaTests
{
    [Theory]
    [InlineData("replicaCount: 0", "replicaCount")]
    [InlineData("replicas: 2", "replicas")]
    [InlineData("image:\n  repository: ghcr.io/haystack/haystack\n  tag: 'latest please'", "tag")]
    [InlineData("logFormat: xml", "logFormat")]
    [InlineData("logLevel: verbose", "logLevel")]
    [InlineData("http:\n  port: 70000", "port")]
    [InlineData("serviceMonitor:\n  enabled: true\nhttp:\n  enabled: false", "http")]
    [InlineData("leaderElection:\n  enabled: false", "replicaCount")]
    [InlineData("watchNamespace: Photos_Prod", "watchNamespace")]
    [InlineData("resources:\n  requests:\n    memory: lots", "memory")]
    [InlineData("securityContext:\n  readOnlyRootFilesystem: false", "readOnlyRootFilesystem")]
    [InlineData("cluster:\n  enabled: true\n  spec:\n    store:\n      storageClassName: null", "storageClassName")]
    public void Helm_refuses_values_that_break_the_schema(string values, string named)
    {
        var file = ValuesFile(values);
        try
        {
            var template = Chart.Template(file);
            var install = InstalledTool.Helm("install", "haystack", Chart.Directory, "--namespace", Chart.Namespace, "--dry-run=client", "--values", file);

            Assert.NotEqual(0, template.ExitCode);
            Assert.Contains("values don't meet the specifications of the schema", template.Error);
            Assert.Contains(named, template.Error);
            Assert.NotEqual(0, install.ExitCode);
            Assert.Contains(named, install.Error);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_spec_the_crd_refuses_passes_helm_but_fails_the_schema_check_of_the_rendered_cluster()
    {
        var file = ValuesFile("cluster:\n  enabled: true\n  spec:\n    store:\n      replicas: six\n      storageClassName: local-xfs");
        try
        {
            var objects = Chart.Render(file);

            var failure = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => ObjectValidation.AssertValid(objects));
            Assert.Contains("HaystackCluster photos", failure.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string ValuesFile(string yaml)
    {
        var path = Path.Combine(Path.GetTempPath(), $"haystack-values-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml + "\n");
        return path;
    }
}
