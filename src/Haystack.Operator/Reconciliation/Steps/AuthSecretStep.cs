using Haystack.Api;
using Haystack.Operator.Builders;
using k8s;

namespace Haystack.Operator.Reconciliation.Steps;

/// <summary>
/// Before any pod: when <c>spec.auth</c> names no Secret, makes sure <c>&lt;cluster&gt;-auth</c> exists holding the
/// cluster's key. Create-only: a Secret found there is never rewritten, whoever made it, so a key a user rotated by
/// editing it stays; one without the key fails the reconcile naming it. Deleted with the cluster (owner reference).
/// </summary>
public sealed class AuthSecretStep : IReconcileStep
{
    public string Name => "auth-secret";

    public async Task RunAsync(ReconcileContext context, CancellationToken cancellationToken)
    {
        var cluster = context.Cluster;
        if (!ClusterAuth.IsGenerated(cluster))
        {
            return;
        }
        var name = ClusterNames.Auth(cluster);
        var live = await context.Client.CoreV1.ReadNamespacedSecretAsync(name, context.Namespace, cancellationToken: cancellationToken).OrNullWhenNotFound();
        if (live is null)
        {
            // A plain create, not an apply: should another writer have made it meanwhile, the 409 fails this reconcile and the next one reads theirs.
            await context.Client.CoreV1.CreateNamespacedSecretAsync(ClusterAuth.Generate(cluster), context.Namespace, cancellationToken: cancellationToken);
            await context.Events.RecordAsync(cluster, EventRecorder.Normal, nameof(ApplyOutcome.Created),
                $"Created Secret {name} with a generated key (spec.auth names no Secret)", cancellationToken);
            return;
        }
        if (live.Data?.TryGetValue(ClusterAuth.GeneratedKey, out var key) != true || key is not { Length: > 0 })
        {
            throw new FormatException(
                $"Secret {context.Namespace}/{name} exists without key '{ClusterAuth.GeneratedKey}': with no spec.auth the cluster's key is kept there. " +
                $"Add the key, delete the Secret so the operator generates one, or name another Secret in spec.auth.");
        }
    }
}
