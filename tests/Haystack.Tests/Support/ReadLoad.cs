using System.Collections.Concurrent;

namespace Haystack.Tests.Support;

/// <summary>
/// Readers that fetch photos in a loop and check every byte, counting reads and recording every failure.
/// Progress is counted in reads, never in time, so the assertions do not depend on the machine's speed.
/// </summary>
public sealed class ReadLoad(HttpClient http, IReadOnlyList<StoredPhoto> photos, string? header = null)
{
    private readonly CancellationTokenSource _stop = new();
    private long _completed;

    public ConcurrentQueue<string> Failures { get; } = new();

    public long Completed => Interlocked.Read(ref _completed);

    public Task RunAsync(int readers) => Task.WhenAll(Enumerable.Range(0, readers).Select(reader => Task.Run(() => ReadLoopAsync(reader))));

    /// <summary>Waits until this many reads have completed (bounded: fails after two minutes).</summary>
    public async Task WaitForReadsAsync(long count)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (Completed < count)
        {
            await Task.Delay(20, limit.Token);
        }
    }

    public async Task StopAsync(Task readers)
    {
        await _stop.CancelAsync();
        await readers;
    }

    private async Task ReadLoopAsync(int reader)
    {
        var next = reader;
        while (!_stop.IsCancellationRequested)
        {
            var photo = photos[next++ % photos.Count];
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, photo.Url);
                if (header is not null)
                {
                    request.Headers.Add(header, "1");
                }
                using var response = await http.SendAsync(request, _stop.Token);
                var body = await response.Content.ReadAsByteArrayAsync(_stop.Token);
                if (!response.IsSuccessStatusCode || !body.AsSpan().SequenceEqual(photo.Data))
                {
                    Failures.Enqueue($"{photo.Id}: {(int)response.StatusCode}, {body.Length} bytes");
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
            {
                Failures.Enqueue($"{photo.Id}: {error.Message}");
            }
            Interlocked.Increment(ref _completed);
        }
    }
}
