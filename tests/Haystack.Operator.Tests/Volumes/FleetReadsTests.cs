namespace Haystack.Operator.Tests.Volumes;

/// <summary>What one reconcile of a healthy fleet costs the API server in pod and node reads.</summary>
public sealed class FleetReadsTests
{
    [Fact]
    public async Task A_reconcile_lists_the_pods_once_and_reads_each_store_node_once()
    {
        await using var fleet = await StorePodFleet.StartAsync(["node-a", "node-b", "node-c", "node-c"]);
        await fleet.ReconcileAsync();
        var before = fleet.Api.Server.Requests.Count;

        await fleet.ReconcileAsync();

        var requests = fleet.Api.Server.Requests.Skip(before).Where(r => r.Method == "GET").ToList();
        Assert.Single(requests, r => r.Path == $"/api/v1/namespaces/{StorePodFleet.Namespace}/pods");
        Assert.Equal(["/api/v1/nodes/node-a", "/api/v1/nodes/node-b", "/api/v1/nodes/node-c"],
            requests.Where(r => r.Path.StartsWith("/api/v1/nodes", StringComparison.Ordinal)).Select(r => r.Path).Order(StringComparer.Ordinal));
    }
}
