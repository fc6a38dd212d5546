using System.Text.Json.Nodes;
using Haystack.Install.Tests.Support;
using Haystack.Operator.Yaml;
using Haystack.Testing;

namespace Haystack.Install.Tests;

/// <summary>The examples under config/ are valid objects and fit together with the sample clusters.</summary>
public sealed class ConfigManifestTests
{
    [Theory]
    [InlineData("storage")]
    [InlineData("samples/setup")]
    [InlineData("samples")]
    public void Config_examples_are_valid_for_their_schemas(string folder)
    {
        ObjectValidation.AssertValid(Folder(folder));
    }

    [Fact]
    public void The_production_sample_finds_its_namespace_and_token_secret()
    {
        var cluster = Sample("haystack_v1alpha1_haystackcluster.yaml");
        var setup = Folder("samples/setup");

        var ns = cluster["metadata"]!["namespace"]!.GetValue<string>();
        Assert.Equal(ns, Chart.Name(Chart.Single(setup, "Namespace")));
        var secret = Chart.Single(setup, "Secret", cluster["spec"]!["auth"]!["secretName"]!.GetValue<string>());
        Assert.Equal(ns, secret["metadata"]!["namespace"]!.GetValue<string>());
        Assert.NotNull(secret["stringData"]!["token"]);
    }

    [Theory]
    [InlineData("haystack_v1alpha1_haystackcluster.yaml")]
    [InlineData("haystack_v1alpha1_haystackcluster_minimal.yaml")]
    public void Every_sample_cluster_claims_the_local_xfs_storage_class_which_binds_only_once_the_pod_is_scheduled(string sample)
    {
        var storage = Folder("storage");
        var storageClass = Chart.Single(storage, "StorageClass");

        Assert.Equal(Chart.Name(storageClass), Sample(sample)["spec"]!["store"]!["storageClassName"]!.GetValue<string>());
        Assert.Equal("WaitForFirstConsumer", storageClass["volumeBindingMode"]!.GetValue<string>());
        Assert.Equal("Retain", storageClass["reclaimPolicy"]!.GetValue<string>());
        var volume = Chart.Single(storage, "PersistentVolume");
        Assert.Equal(Chart.Name(storageClass), volume["spec"]!["storageClassName"]!.GetValue<string>());
        Assert.Equal("xfs", volume["spec"]!["local"]!["fsType"]!.GetValue<string>());
    }

    private static JsonObject Sample(string file) =>
        YamlReader.ReadDocuments(File.ReadAllText(RepositoryRoot.Combine("config", "samples", file))).Single().AsObject();

    private static List<JsonObject> Folder(string folder) =>
        System.IO.Directory.GetFiles(RepositoryRoot.Combine(["config", .. folder.Split('/')]), "*.yaml")
            .SelectMany(path => YamlReader.ReadDocuments(File.ReadAllText(path)))
            .Select(o => o.AsObject())
            .ToList();
}
