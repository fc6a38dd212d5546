using System.Text;
using Haystack.Api;
using Haystack.Operator.Api;
using Haystack.Operator.Entities;
using Haystack.Operator.Status;
using Haystack.Operator.Tests.Support;
using Haystack.Protocol;
using k8s;
using k8s.Models;

namespace Haystack.Operator.Tests.Reconciliation;

/// <summary>With no spec.auth the operator creates the cluster's key Secret once, and every pod and its own calls take the key from it.</summary>
public sealed class GeneratedAuthSecretTests
{
    [Fact]
    public async Task Without_spec_auth_the_first_reconcile_creates_photos_auth_with_a_fresh_256_bit_key_owned_by_the_cluster()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        var cluster = await fixture.CreateClusterAsync();

        await fixture.ReconcileAsync();

        var secret = await ReadAuthSecretAsync(fixture);
        var token = Encoding.ASCII.GetString(secret.Data["token"]);
        Assert.Equal(32, Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/') + "=").Length);
        Assert.Equal(token, new AccessKeys(token).Current);
        var owner = Assert.Single(secret.Metadata.OwnerReferences!);
        Assert.Equal((cluster.Metadata.Uid, "HaystackCluster", true), (owner.Uid, owner.Kind, owner.Controller));
        Assert.Equal("haystack-operator", secret.Metadata.Labels!["app.kubernetes.io/managed-by"]);
        Assert.Equal("photos", secret.Metadata.Labels["app.kubernetes.io/instance"]);
        Assert.Equal("photos-auth", (await fixture.GetClusterAsync()).Status!.AuthSecretName);
        Assert.Contains((await fixture.Client.CoreV1.ListNamespacedEventAsync("haystack")).Items, e => e.Message.StartsWith("Created Secret photos-auth", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_clusters_get_different_keys()
    {
        await using var first = await OperatorFixture.StartAsync();
        await using var second = await OperatorFixture.StartAsync();
        await first.CreateClusterAsync();
        await second.CreateClusterAsync();

        await first.ReconcileAsync();
        await second.ReconcileAsync();

        Assert.NotEqual((await ReadAuthSecretAsync(first)).Data["token"], (await ReadAuthSecretAsync(second)).Data["token"]);
    }

    [Fact]
    public async Task Later_reconciles_keep_the_secret_byte_for_byte_even_after_the_user_rotated_the_key()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        await fixture.CreateClusterAsync();
        await fixture.ReconcileAsync();
        var generated = await ReadAuthSecretAsync(fixture);

        await fixture.ReconcileAsync();
        var again = await ReadAuthSecretAsync(fixture);
        Assert.Equal(generated.Data["token"], again.Data["token"]);
        Assert.Equal(generated.Metadata.ResourceVersion, again.Metadata.ResourceVersion);

        var rotated = AccessKeys.Generate();
        again.Data["token"] = Encoding.ASCII.GetBytes(rotated);
        await fixture.Client.CoreV1.ReplaceNamespacedSecretAsync(again, "photos-auth", "haystack");
        await fixture.ReconcileAsync();

        Assert.Equal(rotated, Encoding.ASCII.GetString((await ReadAuthSecretAsync(fixture)).Data["token"]));
        Assert.Equal("True", Reconciled(await fixture.GetClusterAsync()).Status);
    }

    [Fact]
    public async Task A_secret_the_user_made_with_a_token_is_used_as_it_is()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        var mine = AccessKeys.Generate();
        await fixture.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "photos-auth", Labels = new Dictionary<string, string> { ["made-by"] = "me" } },
            Data = new Dictionary<string, byte[]> { ["token"] = Encoding.ASCII.GetBytes(mine) },
        }, "haystack");
        await fixture.CreateClusterAsync();

        await fixture.ReconcileAsync();

        var secret = await ReadAuthSecretAsync(fixture);
        Assert.Equal(mine, Encoding.ASCII.GetString(secret.Data["token"]));
        Assert.Null(secret.Metadata.OwnerReferences);
        Assert.Equal("me", secret.Metadata.Labels!["made-by"]);
        Assert.Equal("True", Reconciled(await fixture.GetClusterAsync()).Status);
    }

    [Fact]
    public async Task A_secret_the_user_made_without_a_token_fails_the_reconcile_naming_it_before_any_pod_is_declared()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        await fixture.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "photos-auth" },
            Data = new Dictionary<string, byte[]> { ["password"] = Encoding.ASCII.GetBytes("not-the-key") },
        }, "haystack");
        await fixture.CreateClusterAsync();

        await fixture.ReconcileAsync();

        var reconciled = Reconciled(await fixture.GetClusterAsync());
        Assert.Equal("False", reconciled.Status);
        Assert.Contains("auth-secret", reconciled.Message);
        Assert.Contains("haystack/photos-auth", reconciled.Message);
        Assert.Contains("'token'", reconciled.Message);
        Assert.False(await fixture.ExistsAsync(ChildKind.StatefulSet, "photos-store"));
        Assert.Equal(["password"], (await ReadAuthSecretAsync(fixture)).Data.Keys);
    }

    [Fact]
    public async Task Every_pod_template_takes_HAYSTACK_KEY_from_the_generated_secret()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        await fixture.CreateClusterAsync();

        await fixture.ReconcileAsync();

        var templates = new[]
        {
            (await fixture.Client.AppsV1.ReadNamespacedStatefulSetAsync("photos-store", "haystack")).Spec.Template,
            (await fixture.Client.AppsV1.ReadNamespacedStatefulSetAsync("photos-cache", "haystack")).Spec.Template,
            (await fixture.Client.AppsV1.ReadNamespacedDeploymentAsync("photos-directory", "haystack")).Spec.Template,
            (await fixture.Client.BatchV1.ReadNamespacedCronJobAsync("photos-compaction", "haystack")).Spec.JobTemplate.Spec.Template,
        };
        Assert.All(templates.SelectMany(t => t.Spec.Containers), container =>
        {
            var key = Assert.Single(container.Env, e => e.Name == "HAYSTACK_KEY").ValueFrom.SecretKeyRef;
            Assert.Equal(("photos-auth", "token"), (key.Name, key.Key));
            Assert.DoesNotContain(container.Env, e => e.Name == "HAYSTACK_TOKEN");
        });
    }

    [Fact]
    public async Task With_spec_auth_no_secret_is_generated_and_the_status_names_the_spec_secret()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        await fixture.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "photos-token" },
            Data = new Dictionary<string, byte[]> { ["key"] = Encoding.ASCII.GetBytes(AccessKeys.Generate()) },
        }, "haystack");
        await fixture.CreateClusterAsync(cluster => cluster.Spec.Auth = new AuthSpec { SecretName = "photos-token", Key = "key" });

        await fixture.ReconcileAsync();

        Assert.Null(await fixture.Client.CoreV1.ReadNamespacedSecretAsync("photos-auth", "haystack").OrNullWhenNotFound());
        Assert.Equal("photos-token", (await fixture.GetClusterAsync()).Status!.AuthSecretName);
        Assert.Equal("True", Reconciled(await fixture.GetClusterAsync()).Status);
    }

    [Fact]
    public async Task Deleting_the_cluster_deletes_the_generated_secret()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        await fixture.CreateClusterAsync();
        await fixture.ReconcileAsync();

        await fixture.Client.DeleteAsync(HaystackResourceKinds.Clusters, "photos", "haystack");

        Assert.Null(await fixture.Client.CoreV1.ReadNamespacedSecretAsync("photos-auth", "haystack").OrNullWhenNotFound());
    }

    private static Task<V1Secret> ReadAuthSecretAsync(OperatorFixture fixture) => fixture.Client.CoreV1.ReadNamespacedSecretAsync("photos-auth", "haystack");

    private static V1Condition Reconciled(V1Alpha1HaystackCluster cluster) => ConditionList.Find(cluster.Status!.Conditions, ConditionTypes.Reconciled)!;
}
