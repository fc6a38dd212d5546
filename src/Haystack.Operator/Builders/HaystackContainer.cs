using System.Globalization;
using k8s.Models;
using Haystack.Operator.Entities;
using Haystack.Protocol;

namespace Haystack.Operator.Builders;

/// <summary>What every haystack container shares: the image, probes, environment, config and TLS mounts and hardening.</summary>
public static class HaystackContainer
{
    public const string ConfigVolumeName = "config";
    public const string ConfigDirectory = "/etc/haystack";

    /// <summary>The pod's own name (downward API); args refer to it as <c>$(POD_NAME)</c>, which the kubelet expands.</summary>
    public const string PodNameVariable = "POD_NAME";

    /// <summary>The non-root user of the image; fsGroup gives it the data disk.</summary>
    public const long RunAsUser = 65532;

    public static V1Container Create(V1Alpha1HaystackCluster cluster, string name, IList<string> args, V1ResourceRequirements? resources) => new()
    {
        Name = name,
        Image = cluster.Spec.Image,
        ImagePullPolicy = "IfNotPresent",
        Args = args,
        Env = Environment(cluster),
        Ports = [new V1ContainerPort { Name = HaystackPorts.HttpName, ContainerPort = HaystackPorts.Http, Protocol = "TCP" }],
        VolumeMounts = [new V1VolumeMount { Name = ConfigVolumeName, MountPath = ConfigDirectory, ReadOnlyProperty = true }, .. ClusterTls.Mounts(cluster)],
        Resources = resources,
        LivenessProbe = HttpProbe(cluster, "/healthz", periodSeconds: 10, failureThreshold: 3),
        ReadinessProbe = HttpProbe(cluster, "/readyz", periodSeconds: 5, failureThreshold: 2),
        SecurityContext = new V1SecurityContext
        {
            RunAsNonRoot = true,
            AllowPrivilegeEscalation = false,
            ReadOnlyRootFilesystem = true,
            Capabilities = new V1Capabilities { Drop = ["ALL"] },
        },
        TerminationMessagePolicy = "FallbackToLogsOnError",
    };

    /// <summary>The container port of a role that also serves gRPC (store, directory).</summary>
    public static V1ContainerPort GrpcPort() => new() { Name = HaystackPorts.GrpcName, ContainerPort = HaystackPorts.Grpc, Protocol = "TCP" };

    /// <summary>A number as a command-line value: invariant culture, so 0.95 never becomes "0,95".</summary>
    public static string Arg(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);

    public static V1Probe HttpProbe(V1Alpha1HaystackCluster cluster, string path, int periodSeconds, int failureThreshold) => new()
    {
        HttpGet = new V1HTTPGetAction { Path = path, Port = HaystackPorts.HttpName, Scheme = ClusterTls.ProbeScheme(cluster) },
        PeriodSeconds = periodSeconds,
        TimeoutSeconds = 2,
        FailureThreshold = failureThreshold,
    };

    public static V1PodSecurityContext PodSecurityContext() => new()
    {
        RunAsNonRoot = true,
        RunAsUser = RunAsUser,
        RunAsGroup = RunAsUser,
        FsGroup = RunAsUser,
        FsGroupChangePolicy = "OnRootMismatch",
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };

    public static V1Volume ConfigVolume(V1Alpha1HaystackCluster cluster) => new()
    {
        Name = ConfigVolumeName,
        ConfigMap = new V1ConfigMapVolumeSource { Name = ClusterNames.Config(cluster) },
    };

    /// <summary>The volumes of a serving pod: the config, and the TLS Secret with <c>spec.tls</c>.</summary>
    public static List<V1Volume> PodVolumes(V1Alpha1HaystackCluster cluster) => [ConfigVolume(cluster), .. ClusterTls.Volumes(cluster)];

    private static List<V1EnvVar> Environment(V1Alpha1HaystackCluster cluster)
    {
        List<V1EnvVar> env =
        [
            new() { Name = "HAYSTACK_CLUSTER", Value = ClusterNames.Name(cluster) },
            FromField(PodNameVariable, "metadata.name"),
            FromField("POD_NAMESPACE", "metadata.namespace"),
            FromField("NODE_NAME", "spec.nodeName"),
        ];
        // Every role reads its write key here: spec.auth's Secret, else the one the operator generates (ClusterAuth).
        // The previous key is optional: only set during a rotation, and a Secret without it still starts the pods.
        var auth = ClusterAuth.Effective(cluster);
        env.Add(FromSecret(AccessKeys.KeyVariable, auth.SecretName, auth.Key, optional: false));
        env.Add(FromSecret(AccessKeys.PreviousKeyVariable, auth.SecretName, ClusterAuth.PreviousKey, optional: true));
        return env;
    }

    private static V1EnvVar FromSecret(string name, string secretName, string key, bool optional) => new()
    {
        Name = name,
        ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = secretName, Key = key, Optional = optional ? true : null } },
    };

    private static V1EnvVar FromField(string name, string fieldPath) => new()
    {
        Name = name,
        ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = fieldPath } },
    };
}
