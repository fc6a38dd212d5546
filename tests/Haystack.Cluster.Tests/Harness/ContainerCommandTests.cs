using System.Text;
using Haystack.Kubernetes.Fake;
using k8s;
using k8s.Models;

namespace Haystack.Cluster.Tests.Harness;

/// <summary>The pod runner resolves Secret references as the kubelet does, optional ones included.</summary>
public sealed class ContainerCommandTests
{
    private const string Namespace = "haystack";

    [Fact]
    public async Task An_optional_reference_to_a_missing_key_or_secret_sets_no_variable_and_a_present_one_sets_its_value()
    {
        await using var api = await FakeApiServer.StartAsync();
        using var client = await ClientWithSecretAsync(api);
        var container = Container(
            Reference("HAYSTACK_KEY", "photos-auth", "token", optional: null),
            Reference("HAYSTACK_PREVIOUS_KEY", "photos-auth", "previous", optional: true),
            Reference("FROM_NOWHERE", "no-such-secret", "token", optional: true));

        var (_, environment) = await ContainerCommand.ResolveAsync(client, Pod(), container, new Dictionary<int, int>(),
            new Dictionary<string, string>(), new Dictionary<string, string>(), CancellationToken.None);

        Assert.Equal("current-key-value", environment["HAYSTACK_KEY"]);
        Assert.False(environment.ContainsKey("HAYSTACK_PREVIOUS_KEY"));
        Assert.False(environment.ContainsKey("FROM_NOWHERE"));

        var secret = await client.CoreV1.ReadNamespacedSecretAsync("photos-auth", Namespace);
        secret.Data["previous"] = Encoding.ASCII.GetBytes("previous-key-value");
        await client.CoreV1.ReplaceNamespacedSecretAsync(secret, "photos-auth", Namespace);
        (_, environment) = await ContainerCommand.ResolveAsync(client, Pod(), container, new Dictionary<int, int>(),
            new Dictionary<string, string>(), new Dictionary<string, string>(), CancellationToken.None);

        Assert.Equal("previous-key-value", environment["HAYSTACK_PREVIOUS_KEY"]);
    }

    [Theory]
    [InlineData("photos-auth", "previous", "Secret photos-auth has no key previous")]
    [InlineData("no-such-secret", "token", "Secret no-such-secret does not exist")]
    public async Task A_required_reference_to_a_missing_key_or_secret_fails_naming_it(string secretName, string key, string message)
    {
        await using var api = await FakeApiServer.StartAsync();
        using var client = await ClientWithSecretAsync(api);
        var container = Container(Reference("HAYSTACK_KEY", secretName, key, optional: false));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ContainerCommand.ResolveAsync(client, Pod(), container,
            new Dictionary<int, int>(), new Dictionary<string, string>(), new Dictionary<string, string>(), CancellationToken.None));

        Assert.Equal(message, error.Message);
    }

    private static async Task<IKubernetes> ClientWithSecretAsync(FakeApiServer api)
    {
        var client = api.CreateClient();
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } });
        await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "photos-auth" },
            Data = new Dictionary<string, byte[]> { ["token"] = Encoding.ASCII.GetBytes("current-key-value") },
        }, Namespace);
        return client;
    }

    private static V1Pod Pod() => new() { Metadata = new V1ObjectMeta { Name = "photos-store-0", NamespaceProperty = Namespace }, Spec = new V1PodSpec() };

    private static V1Container Container(params V1EnvVar[] env) => new() { Name = "store", Env = env };

    private static V1EnvVar Reference(string name, string secretName, string key, bool? optional) => new()
    {
        Name = name,
        ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = secretName, Key = key, Optional = optional } },
    };
}
