using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Haystack.Kubernetes.Fake.Tests;

/// <summary>What kubectl reads before it writes: discovery, CRDs that start serving their resource, server-side tables.</summary>
public sealed class DiscoveryAndDefinitionTests : FakeServerTest
{
    [Fact]
    public async Task Discovery_lists_groups_versions_and_resources_with_their_scope_and_status_subresource()
    {
        var version = await GetJsonAsync("/version");
        var core = await GetJsonAsync("/api");
        var groups = await GetJsonAsync("/apis");
        var apps = await GetJsonAsync("/apis/apps/v1");

        Assert.Equal("1", version["major"]!.GetValue<string>());
        Assert.Equal("v1", core["versions"]![0]!.GetValue<string>());
        Assert.Contains(groups["groups"]!.AsArray(), g => g!["name"]!.GetValue<string>() == "apps" && g["preferredVersion"]!["version"]!.GetValue<string>() == "v1");
        var resources = apps["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("statefulsets", resources);
        Assert.Contains("statefulsets/status", resources);
        var nodes = (await GetJsonAsync("/api/v1"))["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "nodes")!;
        Assert.False(nodes["namespaced"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_created_definition_serves_its_resource_with_names_and_columns_until_it_is_deleted()
    {
        await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(VolumeDefinition());

        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new Volume { Metadata = new V1ObjectMeta { Name = "v7", NamespaceProperty = Ns }, Spec = new VolumeSpec { Replicas = 3 } },
            "haystack.io", "v1alpha1", Ns, "volumes");
        var discovered = (await GetJsonAsync("/apis/haystack.io/v1alpha1"))["resources"]!.AsArray()
            .Single(r => r!["name"]!.GetValue<string>() == "volumes")!;
        var table = await GetJsonAsync($"/apis/haystack.io/v1alpha1/namespaces/{Ns}/volumes", "application/json;as=Table;v=v1;g=meta.k8s.io");

        Assert.Equal("hsv", discovered["shortNames"]![0]!.GetValue<string>());
        Assert.Equal("Table", table["kind"]!.GetValue<string>());
        Assert.Equal(["Name", "Replicas", "Phase"], table["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal(["v7", "3", null], table["rows"]![0]!["cells"]!.AsArray().Select(c => c?.ToJsonString().Trim('"')));

        await Client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync("volumes.haystack.io");
        var error = await Assert.ThrowsAsync<HttpOperationException>(() =>
            Client.CustomObjects.GetNamespacedCustomObjectAsync("haystack.io", "v1alpha1", Ns, "volumes", "v7"));
        Assert.Equal(HttpStatusCode.NotFound, error.Response.StatusCode);
    }

    [Fact]
    public async Task Delete_options_in_the_body_carry_preconditions_and_the_propagation_policy()
    {
        var owner = await Client.AppsV1.CreateNamespacedStatefulSetAsync(StatefulSet("store"), Ns);
        var child = ConfigMap("child");
        child.Metadata.OwnerReferences = [new V1OwnerReference { ApiVersion = "apps/v1", Kind = "StatefulSet", Name = "store", Uid = owner.Metadata.Uid }];
        await Client.CoreV1.CreateNamespacedConfigMapAsync(child, Ns);

        var stale = await Assert.ThrowsAsync<HttpOperationException>(() => Client.AppsV1.DeleteNamespacedStatefulSetAsync(
            "store", Ns, new V1DeleteOptions { Preconditions = new V1Preconditions { ResourceVersion = "999" } }));
        await Client.AppsV1.DeleteNamespacedStatefulSetAsync(
            "store", Ns, new V1DeleteOptions { PropagationPolicy = "Orphan", Preconditions = new V1Preconditions { Uid = owner.Metadata.Uid } });

        Assert.Equal(HttpStatusCode.Conflict, stale.Response.StatusCode);
        Assert.Contains("Precondition failed", StatusOf(stale).Message);
        var orphan = await Client.CoreV1.ReadNamespacedConfigMapAsync("child", Ns);
        Assert.Null(orphan.Metadata.OwnerReferences);
        Assert.Contains(Fake.Requests, r => r.Method == "DELETE" && r.Query == "");
    }

    [Fact]
    public async Task The_kubeconfig_the_fake_writes_works_with_the_packages_configuration_loader()
    {
        var path = Fake.WriteKubeconfig(Path.Combine(Path.GetTempPath(), $"fake-kubeconfig-{Guid.NewGuid():N}"), ns: Ns, token: "secret");
        try
        {
            var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);
            using var client = new k8s.Kubernetes(config);

            await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("config"), config.Namespace);

            Assert.Equal(Ns, config.Namespace);
            Assert.Contains(Fake.Requests, r => r.Method == "POST" && r.Authorization == "Bearer secret");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private async Task<JsonNode> GetJsonAsync(string path, string accept = "application/json")
    {
        using var http = new HttpClient { BaseAddress = Fake.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static V1CustomResourceDefinition VolumeDefinition() => new()
    {
        ApiVersion = "apiextensions.k8s.io/v1",
        Kind = "CustomResourceDefinition",
        Metadata = new V1ObjectMeta { Name = "volumes.haystack.io" },
        Spec = new V1CustomResourceDefinitionSpec
        {
            Group = "haystack.io",
            Scope = "Namespaced",
            Names = new V1CustomResourceDefinitionNames { Plural = "volumes", Singular = "volume", Kind = "Volume", ShortNames = ["hsv"] },
            Versions =
            [
                new V1CustomResourceDefinitionVersion
                {
                    Name = "v1alpha1",
                    Served = true,
                    Storage = true,
                    Subresources = new V1CustomResourceSubresources { Status = new object() },
                    Schema = new V1CustomResourceValidation { OpenAPIV3Schema = new V1JSONSchemaProps { Type = "object", XKubernetesPreserveUnknownFields = true } },
                    AdditionalPrinterColumns =
                    [
                        new V1CustomResourceColumnDefinition { Name = "Replicas", Type = "integer", JsonPath = ".spec.replicas" },
                        new V1CustomResourceColumnDefinition { Name = "Phase", Type = "string", JsonPath = ".status.phase" },
                    ],
                },
            ],
        },
    };
}
