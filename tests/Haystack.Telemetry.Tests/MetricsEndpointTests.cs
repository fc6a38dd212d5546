using Haystack.Telemetry.Tests.Support;
using Haystack.Testing;

namespace Haystack.Telemetry.Tests;

/// <summary>Every role's <c>/metrics</c> as a scraper sees it, after real uploads and reads through <c>haystack dev</c>.</summary>
[Collection(DevClusterCollection.Name)]
public sealed class MetricsEndpointTests(DevClusterFixture cluster, ReconcilingOperator haystackOperator)
{
    [Fact]
    public async Task Every_role_serves_metrics_that_promtool_accepts()
    {
        foreach (var (job, port) in cluster.Targets)
        {
            await AssertPromtoolAcceptsAsync($"{job} (:{port})", await cluster.ScrapeAsync(port));
        }
        await AssertPromtoolAcceptsAsync("haystack-operator", await haystackOperator.ScrapeAsync());
    }

    [Fact]
    public async Task The_operator_exports_reconciles_their_duration_and_errors_the_work_queue_volumes_and_leadership()
    {
        var families = ExposedMetrics.Families(await haystackOperator.ScrapeAsync());

        Assert.Superset(new HashSet<string>
        {
            "haystack_operator_reconciles_total", "haystack_operator_reconcile_errors_total", "haystack_operator_reconcile_duration_seconds",
            "haystack_operator_workqueue_depth", "haystack_operator_volumes", "haystack_operator_leader", "http_client_request_duration_seconds",
        }, families);
    }

    [Fact]
    public async Task The_store_exports_requests_bytes_volume_gauges_and_group_commit()
    {
        var families = ExposedMetrics.Families(await cluster.ScrapeAsync(cluster.StorePorts[0]));

        Assert.Superset(new HashSet<string>
        {
            "haystack_store_requests_total", "haystack_store_request_duration_seconds", "haystack_store_read_bytes_total",
            "haystack_store_written_bytes_total", "haystack_store_volume_size_bytes", "haystack_store_volume_live_size_bytes",
            "haystack_store_volume_garbage_ratio", "haystack_store_volume_needles", "haystack_store_volume_read_only",
            "haystack_store_volumes_failed", "haystack_storage_fdatasync_duration_seconds", "haystack_storage_fdatasync_batch_size",
            "http_server_request_duration_seconds", "kestrel_active_connections",
        }, families);
    }

    [Fact]
    public async Task The_directory_and_cache_export_their_figures_and_their_calls_to_other_roles()
    {
        var directory = ExposedMetrics.Families(await cluster.ScrapeAsync(cluster.DirectoryPort));
        var cache = ExposedMetrics.Families(await cluster.ScrapeAsync(cluster.CachePort));

        Assert.Superset(new HashSet<string>
        {
            "haystack_directory_uploads_total", "haystack_directory_uploaded_bytes_total", "haystack_directory_volumes",
            "haystack_directory_store_up", "haystack_directory_writable_free_size_bytes", "http_server_request_duration_seconds",
            "http_client_request_duration_seconds",
        }, directory);
        Assert.Superset(new HashSet<string>
        {
            "haystack_cache_requests_total", "haystack_cache_served_bytes_total", "haystack_cache_evictions_total", "haystack_cache_bytes",
            "http_client_request_duration_seconds",
        }, cache);
    }

    [Fact]
    public async Task Metrics_is_not_taken_for_a_photo_id_and_scrapes_stay_out_of_the_request_figures()
    {
        var first = await cluster.ScrapeAsync(cluster.StorePorts[1]);
        var second = await cluster.ScrapeAsync(cluster.StorePorts[1]);

        Assert.Contains("# TYPE haystack_store_requests_total counter", second);
        Assert.DoesNotContain("http_route=\"/metrics\"", first + second);
    }

    private static async Task AssertPromtoolAcceptsAsync(string scraped, string exposition)
    {
        var check = await ExternalProcess.RunAsync(
            new ProcessCommand(ExternalProcess.OnPath("promtool"), ["check", "metrics"]) { Input = exposition, Timeout = TimeSpan.FromMinutes(1) });
        Assert.True(check.ExitCode == 0 && check.Printed.Trim().Length == 0, $"promtool check metrics on {scraped} exited {check.ExitCode}:\n{check.Printed}");
    }
}
