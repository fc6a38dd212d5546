using Haystack.Telemetry.Tests.Support;

namespace Haystack.Telemetry.Tests;

/// <summary>A real Prometheus scraping <c>haystack dev</c> every second: the counters it stores are the workload's.</summary>
[Collection(DevClusterCollection.Name)]
public sealed class PrometheusScrapeTests(DevClusterFixture cluster)
{
    private const int Photos = DevClusterFixture.Photos;

    [Fact]
    public async Task Prometheus_scrapes_every_role_and_reads_back_the_uploads_and_reads_that_were_made()
    {
        await using var prometheus = await PrometheusServer.StartAsync(cluster.Targets);

        await prometheus.WaitForValueAsync("count(up == 1)", 5);
        // Every upload wrote all 3 replicas; every photo was fetched from one store on its miss.
        await prometheus.WaitForValueAsync("sum(haystack_store_requests_total{operation=\"write\",outcome=\"ok\"})", 3 * Photos);
        await prometheus.WaitForValueAsync("sum(haystack_store_request_duration_seconds_count{operation=\"write\",outcome=\"ok\"})", 3 * Photos);
        await prometheus.WaitForValueAsync("sum(haystack_store_requests_total{operation=\"read\",outcome=\"ok\"})", Photos);
        await prometheus.WaitForValueAsync("sum(haystack_store_volume_needles)", 3 * Photos);
        await prometheus.WaitForValueAsync("haystack_directory_uploads_total{outcome=\"ok\"}", Photos);
        await prometheus.WaitForValueAsync("sum(http_server_request_duration_seconds_count{job=\"haystack-directory\",http_route=\"/upload\",http_response_status_code=\"201\"})", Photos);
        await prometheus.WaitForValueAsync("haystack_cache_requests_total{result=\"hit\"}", Photos);
        await prometheus.WaitForValueAsync("haystack_cache_requests_total{result=\"miss\"}", Photos + 1);
        await prometheus.WaitForValueAsync("sum(haystack_directory_volumes)", (await prometheus.QueryAsync("count(count by (volume) (haystack_store_volume_size_bytes))"))[0].Value);
    }
}
