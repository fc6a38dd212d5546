using System.Text;
using Haystack.Api;
using k8s;

namespace Haystack.Operator.Reconciliation.Steps;

/// <summary>
/// With <c>spec.auth</c>, the stores refuse every admin call without the cluster's write key: this reads the key
/// from the Secret the pods get it from, so the operator's calls to the stores present the same key. A missing
/// Secret or key fails the reconcile with a message naming it, before any store is called.
/// </summary>
public sealed class StoreKeyStep : IReconcileStep
{
    public string Name => "store-key";

    public async Task RunAsync(ReconcileContext context, CancellationToken cancellationToken)
    {
        if (context.Cluster.Spec.Auth is not { } auth)
        {
            return;
        }
        var secret = await context.Client.CoreV1.ReadNamespacedSecretAsync(auth.SecretName, context.Namespace, cancellationToken: cancellationToken).OrNullWhenNotFound()
            ?? throw new FormatException($"Secret {context.Namespace}/{auth.SecretName} (spec.auth.secretName) does not exist: the stores' write key is expected there.");
        if (secret.Data?.TryGetValue(auth.Key, out var bytes) != true || bytes is not { Length: > 0 })
        {
            throw new FormatException($"Secret {context.Namespace}/{auth.SecretName} has no key '{auth.Key}' (spec.auth.key): the stores' write key is expected there.");
        }
        context.Stores = context.Stores.WithKey(Encoding.UTF8.GetString(bytes).Trim());
    }
}
