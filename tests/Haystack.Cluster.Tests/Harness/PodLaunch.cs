using k8s;
using k8s.Models;

namespace Haystack.Cluster.Tests.Harness;

/// <summary>
/// How one pod runs on this machine: its Pod object, the 127.0.0.1 port behind each container port, the folder behind
/// each claim's mount path, and the environment every process of the fake cluster gets (kubeconfig, host map).
/// </summary>
internal sealed record PodLaunch(
    V1Pod Pod, IReadOnlyDictionary<int, int> HostPorts, IReadOnlyDictionary<string, string> Mounts, IReadOnlyDictionary<string, string> Machine)
{
    public V1Container Container => Pod.Spec.Containers[0];

    public int HttpPort => HostPorts[Container.Ports![0].ContainerPort];

    /// <summary>The readiness probe's URL on 127.0.0.1 (https for <c>scheme: HTTPS</c>), or null when the container has none (ready once started).</summary>
    public Uri? ReadinessUrl => Container.ReadinessProbe?.HttpGet is { } probe
        ? new Uri($"{(probe.Scheme == "HTTPS" ? "https" : "http")}://127.0.0.1:{HostPorts[PortNumber(probe.Port.Value)]}{probe.Path}")
        : null;

    /// <summary>The host port behind a container port given by name or number.</summary>
    public int HostPortOf(string port) => HostPorts[PortNumber(port)];

    public Task<(List<string> Args, Dictionary<string, string> Environment)> ResolveAsync(IKubernetes client, CancellationToken cancellationToken) =>
        ContainerCommand.ResolveAsync(client, Pod, Container, HostPorts, Mounts, Machine, cancellationToken);

    private int PortNumber(string port) => int.TryParse(port, out var number)
        ? number
        : Container.Ports?.FirstOrDefault(candidate => candidate.Name == port)?.ContainerPort
            ?? throw new InvalidOperationException($"pod {Pod.Metadata.Name} has no container port named {port}");
}
