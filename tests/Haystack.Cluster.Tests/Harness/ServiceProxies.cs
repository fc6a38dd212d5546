using System.Globalization;
using k8s;

namespace Haystack.Cluster.Tests.Harness;

/// <summary>
/// A <see cref="ServiceProxy"/> for each Service whose name the host map reserves, to the ready pods its selector picks.
/// A headless Service's name resolves to those pods' addresses (all its pods with <c>publishNotReadyAddresses</c>);
/// a proxy picking one of them per connection stands in for that DNS answer.
/// </summary>
internal sealed class ServiceProxies(IKubernetes client, HostMap hosts, Func<IReadOnlyList<PodKubelet>> kubelets) : IAsyncDisposable
{
    private readonly Dictionary<string, ServiceProxy> _proxies = [];

    public async Task UpdateAsync(CancellationToken cancellationToken)
    {
        foreach (var service in (await client.CoreV1.ListNamespacedServiceAsync(hosts.Namespace, cancellationToken: cancellationToken)).Items)
        {
            if (_proxies.ContainsKey(service.Metadata.Name) || hosts.PortOf(hosts.ServiceHost(service.Metadata.Name)) is not { } port)
            {
                continue;
            }
            var selector = service.Spec.Selector ?? new Dictionary<string, string>();
            var notReadyToo = service.Spec.ClusterIP == "None" && service.Spec.PublishNotReadyAddresses == true;
            var targetPort = service.Spec.Ports[0].TargetPort?.Value ?? service.Spec.Ports[0].Port.ToString(CultureInfo.InvariantCulture);
            _proxies[service.Metadata.Name] = ServiceProxy.Start(port, () => [.. kubelets()
                .Where(kubelet => (kubelet.Ready || notReadyToo) && selector.All(label => WorkloadPods.Label(kubelet.Pod.Metadata.Labels, label.Key) == label.Value))
                .Select(kubelet => kubelet.HostPortOf(targetPort))]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var proxy in _proxies.Values)
        {
            await proxy.DisposeAsync();
        }
    }
}
