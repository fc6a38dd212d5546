using System.Text;
using Haystack.Operator.Entities;
using Haystack.Operator.Reconciliation;
using Haystack.Operator.Tests.Support;
using Haystack.Protocol;
using k8s;
using k8s.Models;

namespace Haystack.Operator.Tests.Reconciliation;

/// <summary>Pods read their keys only when they start: editing the auth Secret's keys changes every pod template, nothing else does.</summary>
public sealed class AuthRolloutTests
{
    [Fact]
    public async Task Editing_the_generated_token_or_previous_key_changes_every_pod_template_and_an_unrelated_reconcile_does_not()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        await fixture.CreateClusterAsync();
        await fixture.ReconcileAsync();
        var first = await DigestsAsync(fixture);
        Assert.Single(first.Distinct());

        await fixture.ReconcileAsync();
        Assert.Equal(first, await DigestsAsync(fixture));
        var storeVersion = (await fixture.Client.AppsV1.ReadNamespacedStatefulSetAsync("photos-store", "haystack")).Metadata.ResourceVersion;
        await fixture.ReconcileAsync();
        Assert.Equal(storeVersion, (await fixture.Client.AppsV1.ReadNamespacedStatefulSetAsync("photos-store", "haystack")).Metadata.ResourceVersion);

        var secret = await fixture.Client.CoreV1.ReadNamespacedSecretAsync("photos-auth", "haystack");
        var old = Encoding.ASCII.GetString(secret.Data["token"]);
        var fresh = AccessKeys.Generate();
        await EditAsync(fixture, "photos-auth", data => data["previous"] = Encoding.ASCII.GetBytes(fresh));
        await fixture.ReconcileAsync();
        var accepting = await DigestsAsync(fixture);
        Assert.Single(accepting.Distinct());
        Assert.NotEqual(first[0], accepting[0]);

        await EditAsync(fixture, "photos-auth", data => (data["token"], data["previous"]) = (Encoding.ASCII.GetBytes(fresh), Encoding.ASCII.GetBytes(old)));
        await fixture.ReconcileAsync();
        var presenting = await DigestsAsync(fixture);
        Assert.NotEqual(accepting[0], presenting[0]);

        await EditAsync(fixture, "photos-auth", data => data.Remove("previous"));
        await fixture.ReconcileAsync();
        var done = await DigestsAsync(fixture);
        Assert.DoesNotContain(done[0], new[] { first[0], accepting[0], presenting[0] });
        Assert.Matches("^[0-9a-f]{16}$", done[0]);
        var store = await fixture.Client.AppsV1.ReadNamespacedStatefulSetAsync("photos-store", "haystack");
        Assert.DoesNotContain(fresh, KubernetesJson.Serialize(store), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_spec_auth_editing_its_key_changes_the_pod_templates()
    {
        await using var fixture = await OperatorFixture.StartAsync();
        await fixture.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "photos-token" },
            Data = new Dictionary<string, byte[]> { ["key"] = Encoding.ASCII.GetBytes(AccessKeys.Generate()) },
        }, "haystack");
        await fixture.CreateClusterAsync(cluster => cluster.Spec.Auth = new AuthSpec { SecretName = "photos-token", Key = "key" });
        await fixture.ReconcileAsync();
        var before = await DigestsAsync(fixture);

        await EditAsync(fixture, "photos-token", data => data["key"] = Encoding.ASCII.GetBytes(AccessKeys.Generate()));
        await fixture.ReconcileAsync();

        var after = await DigestsAsync(fixture);
        Assert.Single(after.Distinct());
        Assert.NotEqual(before[0], after[0]);
    }

    private static async Task EditAsync(OperatorFixture fixture, string name, Action<IDictionary<string, byte[]>> edit)
    {
        var secret = await fixture.Client.CoreV1.ReadNamespacedSecretAsync(name, "haystack");
        edit(secret.Data);
        await fixture.Client.CoreV1.ReplaceNamespacedSecretAsync(secret, name, "haystack");
    }

    /// <summary>The digest on the store, cache, directory and compaction pod templates, in that order.</summary>
    private static async Task<string[]> DigestsAsync(OperatorFixture fixture)
    {
        var templates = new[]
        {
            (await fixture.Client.AppsV1.ReadNamespacedStatefulSetAsync("photos-store", "haystack")).Spec.Template,
            (await fixture.Client.AppsV1.ReadNamespacedStatefulSetAsync("photos-cache", "haystack")).Spec.Template,
            (await fixture.Client.AppsV1.ReadNamespacedDeploymentAsync("photos-directory", "haystack")).Spec.Template,
            (await fixture.Client.BatchV1.ReadNamespacedCronJobAsync("photos-compaction", "haystack")).Spec.JobTemplate.Spec.Template,
        };
        return templates.Select(t => t.Metadata.Annotations[AuthRollout.Annotation]).ToArray();
    }
}
