namespace Haystack.Commands.Dev;

/// <summary>Polls a server's <c>/readyz</c> until it answers 200, for at most a bounded time.</summary>
internal static class ReadinessProbe
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    public static async Task<bool> WaitAsync(Uri readyUrl, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        while (!deadline.IsCancellationRequested)
        {
            try
            {
                using var response = await http.GetAsync(readyUrl, deadline.Token);
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or still opening volumes.
            }
            try
            {
                await Task.Delay(Interval, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
        return false;
    }
}
