using System.Security.Cryptography;
using Haystack.Operator.Builders;
using Haystack.Operator.Entities;
using k8s.Models;

namespace Haystack.Operator.Reconciliation;

/// <summary>
/// Pods read their keys from the Secret only when they start, so an edited key must roll them: the pod templates
/// carry a digest of the Secret's current and previous key, and an edit changes the template on the next reconcile
/// (as Helm charts annotate a checksum of their Secret). The digest is of the keys, never a key itself.
/// </summary>
public static class AuthRollout
{
    public const string Annotation = "haystack.io/auth-hash";

    /// <summary>The digest of the keys pods take from <paramref name="secret"/>: the current one and the previous one, if any.</summary>
    public static string Digest(V1Alpha1HaystackCluster cluster, V1Secret secret)
    {
        var auth = ClusterAuth.Effective(cluster);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var key in new[] { auth.Key, ClusterAuth.PreviousKey })
        {
            var value = secret.Data is { } data && data.TryGetValue(key, out var bytes) ? bytes : [];
            // Length-prefixed, so no two pairs of keys hash alike by moving bytes from one to the other.
            hash.AppendData(BitConverter.GetBytes(value.Length));
            hash.AppendData(value);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    /// <summary>Puts <paramref name="digest"/> on the pod template of every workload among <paramref name="children"/>; null leaves them as built.</summary>
    public static IEnumerable<DesiredObject> Annotate(IEnumerable<DesiredObject> children, string? digest)
    {
        foreach (var child in children)
        {
            if (digest is not null && PodTemplate(child.Object) is { } template)
            {
                template.Metadata ??= new V1ObjectMeta();
                template.Metadata.Annotations ??= new Dictionary<string, string>();
                template.Metadata.Annotations[Annotation] = digest;
            }
            yield return child;
        }
    }

    /// <summary>The template of the pods a workload runs; Jobs are left out, their template cannot change once made.</summary>
    private static V1PodTemplateSpec? PodTemplate(object workload) => workload switch
    {
        V1StatefulSet set => set.Spec?.Template,
        V1Deployment deployment => deployment.Spec?.Template,
        V1CronJob cronJob => cronJob.Spec?.JobTemplate?.Spec?.Template,
        _ => null,
    };
}
