using System.Diagnostics.Metrics;
using Haystack.Store.Tests.Support;
using Haystack.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Haystack.Store.Tests.Http;

public sealed class MetricsTests
{
    [Fact]
    public async Task Requests_are_counted_by_operation_and_outcome_and_bytes_by_direction()
    {
        await using var store = await TestStore.StartAsync();
        var meters = store.Server.Services.GetRequiredService<IMeterFactory>();
        using var requests = new CounterListener(meters, "haystack.store.requests");
        using var bytesRead = new CounterListener(meters, "haystack.store.read_bytes");
        using var bytesWritten = new CounterListener(meters, "haystack.store.written_bytes");

        await store.Http.PutAsync("/1,1deadbeef", new ByteArrayContent(new byte[700]));
        await store.Http.GetAsync("/1,1deadbeef");
        await store.Http.GetAsync("/1,1deadbee0");
        await store.Http.PutAsync("/1,2deadbeef", new ByteArrayContent(new byte[TestStore.MaxNeedleBytes + 1]));
        await store.Http.DeleteAsync("/1,1deadbeef");

        Assert.Equal(5, requests.Total);
        Assert.Equal(2, requests.TotalWhere("operation", "write"));
        Assert.Equal(2, requests.TotalWhere("operation", "read"));
        Assert.Equal(1, requests.TotalWhere("operation", "delete"));
        Assert.Equal(3, requests.TotalWhere("outcome", "ok"));
        Assert.Equal(1, requests.TotalWhere("outcome", "not_found"));
        Assert.Equal(1, requests.TotalWhere("outcome", "rejected"));
        Assert.Equal(700, bytesRead.Total);
        Assert.Equal(700, bytesWritten.Total);
    }
}
