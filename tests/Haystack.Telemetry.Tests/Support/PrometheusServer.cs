using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Haystack.Testing;

namespace Haystack.Telemetry.Tests.Support;

/// <summary>
/// A real Prometheus (Debian's package) on 127.0.0.1, with its own configuration and storage in a temporary folder,
/// scraping the given targets every second; queried through its HTTP API.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly TemporaryDirectory _folder = new();
    private readonly StringBuilder _output = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Process _process;

    private PrometheusServer(IEnumerable<(string Job, int Port)> targets)
    {
        Port = FreePorts.Next();
        var config = _folder.Combine("prometheus.yml");
        File.WriteAllText(config, Configuration(targets));
        var start = ExternalProcess.StartInfo(new ProcessCommand(ExternalProcess.OnPath("prometheus"),
            [$"--config.file={config}", $"--storage.tsdb.path={_folder.Combine("data")}", $"--web.listen-address=127.0.0.1:{Port}"]));
        _process = Process.Start(start) ?? throw new InvalidOperationException("prometheus did not start");
        _process.OutputDataReceived += (_, line) => Append(line.Data);
        _process.ErrorDataReceived += (_, line) => Append(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Port { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<PrometheusServer> StartAsync(IEnumerable<(string Job, int Port)> targets)
    {
        var server = new PrometheusServer(targets);
        await server.WaitUntilAsync(async () =>
        {
            using var response = await server._http.GetAsync($"http://127.0.0.1:{server.Port}/-/ready");
            return response.IsSuccessStatusCode;
        }, "ready");
        return server;
    }

    /// <summary>An instant query's samples: each series' labels and value.</summary>
    public async Task<IReadOnlyList<(Dictionary<string, string> Labels, double Value)>> QueryAsync(string promql)
    {
        var answer = await _http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{Port}/api/v1/query?query={Uri.EscapeDataString(promql)}");
        Assert.True(answer.GetProperty("status").GetString() == "success", $"{promql}: {answer}");
        return [.. answer.GetProperty("data").GetProperty("result").EnumerateArray().Select(series => (
            series.GetProperty("metric").EnumerateObject().ToDictionary(label => label.Name, label => label.Value.GetString()!),
            double.Parse(series.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture)))];
    }

    /// <summary>Polls until <paramref name="promql"/> has a single sample equal to <paramref name="expected"/> (scrapes are a second apart).</summary>
    public async Task WaitForValueAsync(string promql, double expected)
    {
        IReadOnlyList<(Dictionary<string, string> Labels, double Value)> last = [];
        try
        {
            await WaitUntilAsync(async () => (last = await QueryAsync(promql)) is [var only] && only.Value == expected, promql);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{promql} should be {expected}, Prometheus answered [{string.Join(", ", last.Select(s => s.Value))}]");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _http.Dispose();
        _folder.Dispose();
    }

    private static string Configuration(IEnumerable<(string Job, int Port)> targets)
    {
        var yaml = new StringBuilder("""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:

            """);
        foreach (var job in targets.GroupBy(target => target.Job))
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  - job_name: {job.Key}");
            yaml.AppendLine("    static_configs:");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"      - targets: [{string.Join(", ", job.Select(target => $"'127.0.0.1:{target.Port}'"))}]");
        }
        return yaml.ToString();
    }

    private async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"prometheus exited with {_process.ExitCode}:\n{Output}");
            }
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"prometheus: {what} not reached within 60 s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
