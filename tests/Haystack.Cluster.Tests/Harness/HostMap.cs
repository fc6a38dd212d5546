using System.Globalization;
using System.Net;
using Haystack.Protocol;
using Haystack.Testing;

namespace Haystack.Cluster.Tests.Harness;

/// <summary>
/// The cluster DNS of the fake cluster: every pod name (<c>pod.service.namespace.svc</c>) and Service name
/// (<c>service.namespace.svc</c>) a process may dial, each sent to its own 127.0.0.1 port through
/// <see cref="PodEndpoints.HostMapVariable"/>. A process reads the map once, when it starts, so every name is reserved
/// before the first process starts: the StatefulSet pods up to a number of ordinals, and the Services.
/// </summary>
internal sealed class HostMap
{
    private readonly Dictionary<string, int> _ports = new(StringComparer.OrdinalIgnoreCase);

    public HostMap(string ns, IEnumerable<string> services, IReadOnlyDictionary<string, int> statefulSets)
    {
        Namespace = ns;
        foreach (var service in services)
        {
            _ports[ServiceHost(service)] = FreePorts.Next();
        }
        foreach (var (statefulSet, ordinals) in statefulSets)
        {
            for (var ordinal = 0; ordinal < ordinals; ordinal++)
            {
                _ports[PodHost(string.Create(CultureInfo.InvariantCulture, $"{statefulSet}-{ordinal}"), statefulSet)] = FreePorts.Next();
            }
        }
        Variable = string.Join(',', _ports.Select(entry => string.Create(CultureInfo.InvariantCulture, $"{entry.Key}=127.0.0.1:{entry.Value}")));
        Endpoints = new PodEndpoints(_ports.ToDictionary(entry => entry.Key, entry => new DnsEndPoint("127.0.0.1", entry.Value)));
    }

    public string Namespace { get; }

    /// <summary>The value of <see cref="PodEndpoints.HostMapVariable"/> for every process of the cluster.</summary>
    public string Variable { get; }

    /// <summary>The same map for the test's own clients.</summary>
    public PodEndpoints Endpoints { get; }

    public string ServiceHost(string service) => $"{service}.{Namespace}.svc";

    public string PodHost(string pod, string service) => $"{pod}.{ServiceHost(service)}";

    /// <summary>The port behind a name, or null when the name was not reserved.</summary>
    public int? PortOf(string host) => _ports.TryGetValue(host, out var port) ? port : null;
}
