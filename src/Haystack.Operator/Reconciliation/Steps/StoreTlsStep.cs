using System.Text;
using Haystack.Api;
using Haystack.Operator.Entities;
using k8s;

namespace Haystack.Operator.Reconciliation.Steps;

/// <summary>
/// With <c>spec.tls</c>, the stores serve only https: this reads the CA from the Secret the pods mount, so the
/// operator's calls to the stores go over https and accept only certificates from that CA. The Secret is read on
/// every reconcile, so a new CA is trusted from the next one. A missing Secret or key fails the reconcile with a
/// message naming it, before any store is called.
/// </summary>
public sealed class StoreTlsStep : IReconcileStep
{
    private static readonly string[] RequiredKeys = [TlsSpec.CertificateKey, TlsSpec.PrivateKeyKey, TlsSpec.AuthorityKey];

    public string Name => "store-tls";

    public async Task RunAsync(ReconcileContext context, CancellationToken cancellationToken)
    {
        if (context.Cluster.Spec.Tls is not { } tls)
        {
            return;
        }
        var name = $"{context.Namespace}/{tls.SecretName}";
        var secret = await context.Client.CoreV1.ReadNamespacedSecretAsync(tls.SecretName, context.Namespace, cancellationToken: cancellationToken).OrNullWhenNotFound()
            ?? throw new FormatException($"Secret {name} (spec.tls.secretName) does not exist: every pod mounts its {string.Join(", ", RequiredKeys)} (cert-manager writes them for a Certificate with this secretName).");
        var missing = RequiredKeys.Where(key => secret.Data?.TryGetValue(key, out var bytes) != true || bytes is not { Length: > 0 }).ToList();
        if (missing.Count > 0)
        {
            throw new FormatException($"Secret {name} (spec.tls.secretName) has no {string.Join(", ", missing)}: the pods serve tls.crt/tls.key and verify each other against ca.crt (config/README.md, \"TLS\").");
        }
        try
        {
            context.Stores = context.Stores.WithTls(Encoding.UTF8.GetString(secret.Data![TlsSpec.AuthorityKey]), $"{TlsSpec.AuthorityKey} of Secret {name}");
        }
        catch (ArgumentException e)
        {
            throw new FormatException(e.Message, e);
        }
    }
}
