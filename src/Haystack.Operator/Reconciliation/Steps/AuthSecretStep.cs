using Haystack.Api;
using Haystack.Operator.Builders;
using k8s;
using k8s.Models;

namespace Haystack.Operator.Reconciliation.Steps;

/// <summary>
/// Before any pod: when <c>spec.auth</c> names no Secret, makes sure <c>&lt;cluster&gt;-auth</c> exists holding the
/// cluster's key. Create-only: a Secret found there is never rewritten, whoever made it, so a key a user rotated by
/// editing it stays; one without the key fails the reconcile naming it. Deleted with the cluster (owner reference).
/// Either way it reads the effective Secret and keeps the digest of its keys for the pod templates
/// (<see cref="AuthRollout"/>), so editing the keys rolls the pods.
/// </summary>
public sealed class AuthSecretStep : IReconcileStep
{
    public string Name => "auth-secret";

    public async Task RunAsync(ReconcileContext context, CancellationToken cancellationToken)
    {
        var cluster = context.Cluster;
        var auth = ClusterAuth.Effective(cluster);
        var live = await context.Client.CoreV1.ReadNamespacedSecretAsync(auth.SecretName, context.Namespace, cancellationToken: cancellationToken).OrNullWhenNotFound();
        if (ClusterAuth.IsGenerated(cluster))
        {
            live = live is null ? await CreateAsync(context, cancellationToken) : Checked(live, context.Namespace);
        }
        // A missing spec.auth Secret leaves the templates without a digest; store-key then fails the reconcile naming it.
        context.AuthDigest = live is null ? null : AuthRollout.Digest(cluster, live);
    }

    private static async Task<V1Secret> CreateAsync(ReconcileContext context, CancellationToken cancellationToken)
    {
        // A plain create, not an apply: should another writer have made it meanwhile, the 409 fails this reconcile and the next one reads theirs.
        var created = await context.Client.CoreV1.CreateNamespacedSecretAsync(ClusterAuth.Generate(context.Cluster), context.Namespace, cancellationToken: cancellationToken);
        await context.Events.RecordAsync(context.Cluster, EventRecorder.Normal, nameof(ApplyOutcome.Created),
            $"Created Secret {created.Metadata.Name} with a generated key (spec.auth names no Secret)", cancellationToken);
        return created;
    }

    private static V1Secret Checked(V1Secret live, string ns)
    {
        if (live.Data?.TryGetValue(ClusterAuth.GeneratedKey, out var key) != true || key is not { Length: > 0 })
        {
            throw new FormatException(
                $"Secret {ns}/{live.Metadata.Name} exists without key '{ClusterAuth.GeneratedKey}': with no spec.auth the cluster's key is kept there. " +
                $"Add the key, delete the Secret so the operator generates one, or name another Secret in spec.auth.");
        }
        return live;
    }
}
