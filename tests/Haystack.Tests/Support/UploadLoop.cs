using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Haystack.Tests.Support;

/// <summary>
/// Concurrent writers uploading photos of random sizes to the directory until stopped. Only a 201 counts: its id and
/// the bytes sent are recorded; anything else (a server down, a volume degraded) is counted, never recorded. Kills
/// go through <see cref="KillAsync"/>, which proves each one landed with uploads in flight: it signals only while an
/// upload is in flight, and counts the uploads that began before the signal and ended after it.
/// </summary>
public sealed class UploadLoop(HttpClient http, Uri uploadUrl, int seed)
{
    private const int MaxPhotoBytes = 512 * 1024;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly ConcurrentQueue<StoredPhoto> _acknowledged = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly ConcurrentDictionary<long, int> _running = new(); // upload -> kills signalled when it started
    private readonly ConcurrentDictionary<int, int> _straddling = new(); // kill -> uploads begun before its signal, ended after
    private readonly CancellationTokenSource _stop = new();
    private int _inFlight;
    private int _killsSignalled;
    private long _uploads;

    public IReadOnlyCollection<StoredPhoto> Acknowledged => _acknowledged;

    /// <summary>Uploads not acknowledged, with what they got: failing while a server is down is the policy.</summary>
    public IReadOnlyCollection<string> Failures => _failures;

    public Task RunAsync(int writers) =>
        Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(() => WriteAsync(new Random(seed + writer)))));

    public async Task StopAsync(Task writers)
    {
        await _stop.CancelAsync();
        await writers;
    }

    /// <summary>Waits until at least <paramref name="count"/> uploads were acknowledged in total.</summary>
    public async Task WaitForAcknowledgedAsync(int count, string why)
    {
        var waited = Stopwatch.StartNew();
        while (_acknowledged.Count < count)
        {
            if (waited.Elapsed > Patience)
            {
                throw new TimeoutException(
                    $"{_acknowledged.Count} of {count} uploads acknowledged within {Patience} ({why}); last failures: {string.Join(" | ", _failures.TakeLast(5))}");
            }
            await Task.Delay(20);
        }
    }

    /// <summary>
    /// Runs <paramref name="killProcess"/> (a SIGKILL that returns once the process is gone) the moment an upload is in
    /// flight. Returns the uploads in flight when the signal went, and how many uploads begun before the signal ended
    /// after it (counted once all of them ended; the client's timeout bounds the wait).
    /// </summary>
    public async Task<(int InFlightAtSignal, int Straddling)> KillAsync(Func<Task> killProcess)
    {
        var waited = Stopwatch.StartNew();
        while (Volatile.Read(ref _inFlight) == 0 && waited.Elapsed < Patience)
        {
            await Task.Yield();
        }
        var inFlight = Volatile.Read(ref _inFlight);
        var kill = Interlocked.Increment(ref _killsSignalled);
        await killProcess();
        while (_running.Values.Any(signalledAtStart => signalledAtStart < kill) && waited.Elapsed < Patience)
        {
            await Task.Delay(10);
        }
        return (inFlight, _straddling.GetValueOrDefault(kill));
    }

    private async Task WriteAsync(Random random)
    {
        while (!_stop.IsCancellationRequested)
        {
            // Mostly small photos, some large ones: a large upload is in flight long enough to straddle a kill.
            var length = random.Next(10) == 0 ? random.Next(64 * 1024, MaxPhotoBytes) : random.Next(1, 64 * 1024);
            var data = new byte[length];
            random.NextBytes(data);
            var upload = Interlocked.Increment(ref _uploads);
            _running[upload] = Volatile.Read(ref _killsSignalled);
            Interlocked.Increment(ref _inFlight);
            string? failure;
            try
            {
                failure = await UploadAsync(data);
            }
            finally
            {
                var signalledAtEnd = Volatile.Read(ref _killsSignalled);
                for (var kill = _running[upload] + 1; kill <= signalledAtEnd; kill++)
                {
                    _straddling.AddOrUpdate(kill, 1, (_, count) => count + 1);
                }
                Interlocked.Decrement(ref _inFlight);
                _running.TryRemove(upload, out _);
            }
            if (failure is not null)
            {
                _failures.Enqueue(failure);
                await Task.Delay(random.Next(10, 50)); // a server is down: do not spin
            }
        }
    }

    /// <summary>Null when acknowledged (and recorded); otherwise what the upload got.</summary>
    private async Task<string?> UploadAsync(byte[] data)
    {
        try
        {
            using var content = new ByteArrayContent(data);
            content.Headers.ContentType = new("image/jpeg");
            using var response = await http.PostAsync(uploadUrl, content);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.Created)
            {
                return $"{(int)response.StatusCode}: {body[..Math.Min(body.Length, 200)]}";
            }
            using var json = JsonDocument.Parse(body);
            _acknowledged.Enqueue(new StoredPhoto(json.RootElement.GetProperty("id").GetString()!, json.RootElement.GetProperty("url").GetString()!, data));
            return null;
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException or IOException)
        {
            return $"{error.GetType().Name}: {error.Message}";
        }
    }
}
