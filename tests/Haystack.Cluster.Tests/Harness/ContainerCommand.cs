using System.Globalization;
using System.Text;
using Haystack.Api;
using k8s;
using k8s.Models;

namespace Haystack.Cluster.Tests.Harness;

/// <summary>
/// What the kubelet would run for a container: its args with <c>$(VAR)</c> references expanded from its environment,
/// and that environment with downward-API fields and Secret keys resolved. Only what cannot be the same for many pods
/// on one machine is rewritten: the value of a listening flag (<see cref="ListenFlags"/>) naming a container port
/// becomes the pod's own 127.0.0.1 port, and a path under a claim's mount path moves into the claim's folder.
/// </summary>
internal static class ContainerCommand
{
    /// <summary>The flags by which a haystack role is told the port it listens on.</summary>
    public static readonly IReadOnlySet<string> ListenFlags = new HashSet<string>(StringComparer.Ordinal) { "--port", "--grpc-port", "--http-port" };

    public static async Task<(List<string> Args, Dictionary<string, string> Environment)> ResolveAsync(
        IKubernetes client, V1Pod pod, V1Container container, IReadOnlyDictionary<int, int> hostPorts,
        IReadOnlyDictionary<string, string> mounts, IReadOnlyDictionary<string, string> machine, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string>(machine, StringComparer.Ordinal);
        foreach (var variable in container.Env ?? [])
        {
            var value = variable.ValueFrom is { } source
                ? await FromSourceAsync(client, pod, source, cancellationToken)
                : Expand(variable.Value ?? "", environment);
            // As the kubelet does: an optional reference to a missing Secret, ConfigMap or key sets no variable.
            if (value is not null)
            {
                environment[variable.Name] = value;
            }
        }
        var args = (container.Command ?? []).Concat(container.Args ?? []).Select(arg => Expand(arg, environment)).ToList();
        for (var i = 0; i < args.Count; i++)
        {
            if (i > 0 && ListenFlags.Contains(args[i - 1]) && int.TryParse(args[i], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                && hostPorts.TryGetValue(port, out var hostPort))
            {
                args[i] = hostPort.ToString(CultureInfo.InvariantCulture);
            }
            foreach (var (mountPath, folder) in mounts)
            {
                if (args[i] == mountPath || args[i].StartsWith(mountPath + "/", StringComparison.Ordinal))
                {
                    args[i] = folder + args[i][mountPath.Length..];
                }
            }
        }
        return (args, environment);
    }

    /// <summary>Kubernetes' expansion: <c>$(NAME)</c> becomes the variable's value when it is defined, <c>$$</c> a single <c>$</c>.</summary>
    public static string Expand(string text, IReadOnlyDictionary<string, string> environment)
    {
        var expanded = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '$')
            {
                expanded.Append('$');
                i++;
            }
            else if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '(' && text.IndexOf(')', i) is var end and > 0
                && environment.TryGetValue(text[(i + 2)..end], out var value))
            {
                expanded.Append(value);
                i = end;
            }
            else
            {
                expanded.Append(text[i]);
            }
        }
        return expanded.ToString();
    }

    private static async Task<string?> FromSourceAsync(IKubernetes client, V1Pod pod, V1EnvVarSource source, CancellationToken cancellationToken)
    {
        if (source.FieldRef is { } field)
        {
            return field.FieldPath switch
            {
                "metadata.name" => pod.Metadata.Name,
                "metadata.namespace" => pod.Metadata.NamespaceProperty,
                "spec.nodeName" => pod.Spec.NodeName,
                "spec.serviceAccountName" => pod.Spec.ServiceAccountName ?? "default",
                "status.podIP" or "status.hostIP" => "127.0.0.1",
                _ => throw new NotSupportedException($"the pod runner does not resolve fieldRef {field.FieldPath}"),
            };
        }
        if (source.SecretKeyRef is { } secretKey)
        {
            var secret = await client.CoreV1.ReadNamespacedSecretAsync(secretKey.Name, pod.Metadata.NamespaceProperty, cancellationToken: cancellationToken).OrNullWhenNotFound();
            var value = secret?.Data?.TryGetValue(secretKey.Key, out var bytes) == true ? Encoding.UTF8.GetString(bytes) : WorkloadPods.Label(secret?.StringData, secretKey.Key);
            return value ?? Absent(secretKey.Optional, $"Secret {secretKey.Name}", secret is null, secretKey.Key);
        }
        if (source.ConfigMapKeyRef is { } configKey)
        {
            var map = await client.CoreV1.ReadNamespacedConfigMapAsync(configKey.Name, pod.Metadata.NamespaceProperty, cancellationToken: cancellationToken).OrNullWhenNotFound();
            return WorkloadPods.Label(map?.Data, configKey.Key) ?? Absent(configKey.Optional, $"ConfigMap {configKey.Name}", map is null, configKey.Key);
        }
        throw new NotSupportedException("the pod runner resolves fieldRef, secretKeyRef and configMapKeyRef only");
    }

    /// <summary>A reference that resolves to nothing: no variable when it is optional, else the error the kubelet would give.</summary>
    private static string? Absent(bool? optional, string source, bool sourceMissing, string key) =>
        optional == true ? null
            : throw new InvalidOperationException(sourceMissing ? $"{source} does not exist" : $"{source} has no key {key}");
}
