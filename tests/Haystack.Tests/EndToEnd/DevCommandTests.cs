using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Haystack.Testing;
using Haystack.Tests.Support;

namespace Haystack.Tests.EndToEnd;

/// <summary><c>haystack dev</c> as a user runs it: a real process supervising real children.</summary>
[Collection(ClusterCollection.Name)]
public sealed partial class DevCommandTests
{
    [Fact]
    public async Task Dev_restarts_a_killed_store_stops_every_child_on_sigterm_and_keeps_the_data_for_the_next_run()
    {
        using var data = new TemporaryDirectory();
        var port = FreePorts.Block(0, 1, 10, 100, 101, 102, 200, 201, 202);
        var directoryUrl = $"http://127.0.0.1:{port}";
        var cacheUrl = $"http://127.0.0.1:{port + 10}";
        string[] arguments = ["dev", "--data", data.Path, "--directory-port", $"{port}", "--cache-port", $"{port + 10}", "--store-port", $"{port + 100}"];
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        StoredPhoto photo;
        await using (var dev = new ServerProcess("dev", new Uri(cacheUrl + "/"), arguments))
        {
            dev.Start();
            await dev.WaitReadyAsync();
            await dev.WaitForOutputAsync(RunningBanner());
            // The banner arrives in more than one read of dev's output: wait for its last line, not just its first.
            await dev.WaitForOutputAsync(new Regex(Regex.Escape($"curl -s {cacheUrl}/stats")));

            var file = data.Combine("cat.jpg");
            await File.WriteAllBytesAsync(file, PhotoBytes.Create(42));
            var upload = await HaystackCli.RunAsync("upload", file, "--directory", directoryUrl);
            Assert.True(upload.ExitCode == 0, upload + dev.Output);
            var line = Regex.Match(upload.Output, @" -> (?<id>\S+) (?<url>\S+)");
            photo = new StoredPhoto(line.Groups["id"].Value, line.Groups["url"].Value, PhotoBytes.Create(42));
            Assert.Equal(photo.Data, await http.GetByteArrayAsync(photo.Url));

            // A store that dies is started again by the supervisor, on the same data.
            var first = (await dev.WaitForOutputAsync(StartedStore2()))[0];
            Process.GetProcessById(int.Parse(first.Groups["pid"].Value)).Kill();
            var restarted = (await dev.WaitForOutputAsync(StartedStore2(), count: 2))[1];
            Assert.NotEqual(first.Groups["pid"].Value, restarted.Groups["pid"].Value);
            Assert.Matches(@"\[store-2\]\s+exited with code 137; restarting in 1 s", dev.Output);
            var store2 = new Uri($"http://127.0.0.1:{port + 101}/");
            await WaitReadyAsync(http, store2, dev);
            Assert.Equal(photo.Data, await http.GetByteArrayAsync($"{store2}{photo.Id}"));

            // SIGTERM stops the children too, then dev itself, cleanly.
            var children = ChildPids(dev.Output);
            // 0, or 143 when stopping outlasts System.CommandLine's termination window (ProcessTerminationTimeout in
            // Program.cs; it then reports SIGTERM). Anything else, e.g. 134 from an unhandled exception, is a crash.
            var exitCode = await dev.StopAsync();
            Assert.True(exitCode is 0 or 143, $"dev exited with code {exitCode} on SIGTERM:\n{dev.Output}");
            Assert.Contains("stopped; data kept in", dev.Output);
            // The exit code can be 0 even when a signal handler threw after the action returned; the trace tells.
            Assert.DoesNotContain("Unhandled exception", dev.Output);
            Assert.All(children, pid => Assert.False(IsAlive(pid), $"child {pid} outlived dev:\n{dev.Output}"));
        }

        Assert.True(File.Exists(Path.Combine(data.Path, "directory", "volumes.json")));
        await using (var again = new ServerProcess("dev again", new Uri(cacheUrl + "/"), arguments))
        {
            again.Start();
            await again.WaitReadyAsync();
            var response = await http.GetAsync(photo.Url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, again.Output);
            Assert.Equal(photo.Data, await response.Content.ReadAsByteArrayAsync());
        }
    }

    /// <summary>Polls <c>/readyz</c> until 200, for at most 90 s whether the server refuses, stalls or answers unready.</summary>
    private static async Task WaitReadyAsync(HttpClient http, Uri url, ServerProcess dev)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(url, "readyz"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too slow to answer.
            }
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(90), $"{url} never became ready again:\n{dev.Output}");
            await Task.Delay(100);
        }
    }

    private static List<int> ChildPids(string output) =>
        [.. StartedAny().Matches(output).Select(match => int.Parse(match.Groups["pid"].Value))];

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"Haystack is running \(3 stores, replication 3")]
    private static partial Regex RunningBanner();

    [GeneratedRegex(@"\[store-2\]\s+started \(pid (?<pid>\d+)\)")]
    private static partial Regex StartedStore2();

    [GeneratedRegex(@"started \(pid (?<pid>\d+)\)")]
    private static partial Regex StartedAny();
}
