using System.Diagnostics;
using System.Net;
using Haystack.Telemetry.Tests.Support;
using Haystack.Tests.Support;

namespace Haystack.Telemetry.Tests;

/// <summary>
/// Traces across roles, carried by W3C traceparent over real HTTP between in-process servers. The roles that a
/// request reaches second are set to start no trace of their own (ratio 0): their spans exist only because the
/// parent-based sampler follows the caller's sampled flag.
/// </summary>
public sealed class TraceTests
{
    [Fact]
    public async Task An_upload_is_one_trace_from_the_directory_through_a_write_on_every_replica()
    {
        await using var cluster = await TracedCluster.StartAsync(storeRatio: 0, directoryRatio: 1, cacheRatio: 0);

        await cluster.UploadAsync(PhotoBytes.Create(1));

        var upload = (await cluster.Spans.WaitForAsync(spans => spans.Any(IsUploadServerSpan), "the directory's /upload span")).First(IsUploadServerSpan);
        var trace = await cluster.Spans.WaitForAsync(spans => StoreServerSpans(spans, upload.TraceId, cluster).Count == 2, "a server span on both stores");
        var writes = StoreServerSpans(trace, upload.TraceId, cluster);
        Assert.All(writes, write =>
        {
            var call = trace.Single(span => span.SpanId == write.ParentSpanId);
            Assert.Equal(ActivityKind.Client, call.Kind);
            Assert.Equal("PUT", call.GetTagItem("http.request.method"));
            Assert.True(DescendsFrom(call, upload, trace), $"{ExportedSpans.Describe(call)} is not under the upload span");
            Assert.Equal("/{photoId}", write.GetTagItem("http.route"));
        });
        Assert.Equal(2, writes.Select(write => trace.Single(span => span.SpanId == write.ParentSpanId).GetTagItem("server.port")).Distinct().Count());
    }

    [Fact]
    public async Task A_cache_miss_is_one_trace_from_the_cache_to_the_store_that_served_it()
    {
        await using var cluster = await TracedCluster.StartAsync(storeRatio: 0, directoryRatio: 0, cacheRatio: 1);
        var id = await cluster.UploadAsync(PhotoBytes.Create(2));

        using var response = await cluster.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(cluster.Cache.Address, $"/{id}")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var spans = await cluster.Spans.WaitForAsync(all => all.Any(span => IsCacheReadSpan(span, cluster)), "the cache's read span");
        var read = spans.First(span => IsCacheReadSpan(span, cluster));
        var trace = await cluster.Spans.WaitForAsync(all => StoreServerSpans(all, read.TraceId, cluster).Count == 1, "the store's GET span under the cache's");
        var fetch = StoreServerSpans(trace, read.TraceId, cluster).Single();
        Assert.Equal("GET", fetch.GetTagItem("http.request.method"));
        Assert.True(DescendsFrom(fetch, read, trace), $"{ExportedSpans.Describe(fetch)} is not under the cache's span");
    }

    [Fact]
    public async Task A_role_at_ratio_zero_records_a_request_only_when_its_caller_sampled_the_trace()
    {
        await using var cluster = await TracedCluster.StartAsync(storeRatio: 0, directoryRatio: 0, cacheRatio: 0);
        var store = cluster.Stores[0].HttpAddress;
        var sampled = ActivityTraceId.CreateRandom();
        var unsampled = ActivityTraceId.CreateRandom();
        var parent = ActivitySpanId.CreateRandom();

        await SendAsync(cluster, new Uri(store, "/volumes"), traceparent: null);
        await SendAsync(cluster, new Uri(store, "/volumes"), $"00-{unsampled}-{parent}-00");
        await SendAsync(cluster, new Uri(store, "/volumes"), $"00-{sampled}-{parent}-01");
        await SendAsync(cluster, new Uri(store, "/healthz"), $"00-{sampled}-{ActivitySpanId.CreateRandom()}-01");

        var spans = await cluster.Spans.WaitForAsync(all => all.Any(span => span.TraceId == sampled), "the sampled request's span");
        var recorded = spans.Where(span => span.Kind == ActivityKind.Server && (span.GetTagItem("url.path") as string) is "/volumes" or "/healthz").ToList();
        var only = Assert.Single(recorded);
        Assert.Equal(sampled, only.TraceId);
        Assert.Equal(parent, only.ParentSpanId);
        Assert.Equal("/volumes", only.GetTagItem("url.path"));
    }

    private static async Task SendAsync(TracedCluster cluster, Uri url, string? traceparent)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (traceparent is not null)
        {
            request.Headers.Add("traceparent", traceparent);
        }
        using var response = await cluster.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static bool IsUploadServerSpan(Activity span) => span.Kind == ActivityKind.Server && (string?)span.GetTagItem("http.route") == "/upload";

    private static bool IsCacheReadSpan(Activity span, TracedCluster cluster) =>
        span.Kind == ActivityKind.Server && (string?)span.GetTagItem("http.route") == "/{photoId}" &&
        Convert.ToInt32(span.GetTagItem("server.port")) == cluster.Cache.Address.Port;

    /// <summary>Server spans in the trace whose parent is a client call to one of the stores: the stores' own spans.</summary>
    private static List<Activity> StoreServerSpans(IReadOnlyList<Activity> spans, ActivityTraceId trace, TracedCluster cluster) =>
        [.. spans.Where(span => span.TraceId == trace && span.Kind == ActivityKind.Server &&
            spans.Any(call => call.SpanId == span.ParentSpanId && call.Kind == ActivityKind.Client &&
                cluster.Stores.Any(store => store.HttpAddress.Port == Convert.ToInt32(call.GetTagItem("server.port")))))];

    private static bool DescendsFrom(Activity span, Activity ancestor, IReadOnlyList<Activity> spans)
    {
        for (var current = span; current is not null; current = spans.FirstOrDefault(s => s.SpanId == current.ParentSpanId))
        {
            if (current.SpanId == ancestor.SpanId)
            {
                return true;
            }
        }
        return false;
    }
}
