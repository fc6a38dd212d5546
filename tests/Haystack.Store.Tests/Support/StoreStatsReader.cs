using System.Net.Http.Json;
using System.Text.Json;

namespace Haystack.Store.Tests.Support;

internal static class StoreStatsReader
{
    public static async Task<JsonElement> ReadAsync(HttpClient http) => await http.GetFromJsonAsync<JsonElement>("/stats");

    /// <summary>
    /// Polls /stats until <paramref name="figure"/> reaches <paramref name="expected"/>; for effects of requests the
    /// client cannot wait on (an upload it cut). The bound only keeps a broken server from hanging the run.
    /// </summary>
    public static async Task WaitForAsync(HttpClient http, string figure, long expected)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await ReadAsync(http)).GetProperty(figure).GetInt64() < expected)
        {
            await Task.Delay(20, bound.Token);
        }
    }
}
