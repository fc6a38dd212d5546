using System.Text;
using Haystack.Operator.Entities;
using Haystack.Protocol;
using k8s.Models;

namespace Haystack.Operator.Builders;

/// <summary>
/// The cluster's effective auth: <c>spec.auth</c> when it names a Secret, else the Secret the operator generates,
/// <c>&lt;cluster&gt;-auth</c> with key <c>token</c> (as CloudNativePG generates a cluster's app Secret). Pods and the
/// operator's calls to the stores take the key from whichever it is, by one code path.
/// </summary>
public static class ClusterAuth
{
    /// <summary>The key of the generated Secret that holds the write key.</summary>
    public const string GeneratedKey = "token";

    /// <summary>
    /// The key, in whichever Secret is effective, that holds the previous write key during a rotation. Fixed, not a
    /// spec field: one name for both sources keeps the three-step procedure the same everywhere (docs/security.md).
    /// </summary>
    public const string PreviousKey = "previous";

    public static AuthSpec Effective(V1Alpha1HaystackCluster cluster) =>
        cluster.Spec.Auth ?? new AuthSpec { SecretName = ClusterNames.Auth(cluster), Key = GeneratedKey };

    /// <summary>Whether the operator generates the Secret (the spec names none).</summary>
    public static bool IsGenerated(V1Alpha1HaystackCluster cluster) => cluster.Spec.Auth is null;

    /// <summary>
    /// A new Secret with a fresh key: 256 bits from the system's CSPRNG, base64url (<see cref="AccessKeys.Generate"/>).
    /// Created once, never applied again: a reconcile that finds it keeps it as it is.
    /// </summary>
    public static V1Secret Generate(V1Alpha1HaystackCluster cluster) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Metadata = ChildMetadata.For(cluster, ClusterNames.Auth(cluster), HaystackComponent.Auth),
        Type = "Opaque",
        Data = new Dictionary<string, byte[]> { [GeneratedKey] = Encoding.ASCII.GetBytes(AccessKeys.Generate()) },
    };
}
