namespace Haystack.Testing;

/// <summary>
/// Sits in the real client's HTTP pipeline and runs <paramref name="interleave"/> once just before the first
/// status write goes out: another writer gets in between the operator's read and its write, as happens in production.
/// </summary>
public sealed class InterleavingHandler(Func<Task> interleave) : DelegatingHandler
{
    private int _interleaved;
    private int _statusWrites;

    public int StatusWrites => _statusWrites;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Put && request.RequestUri!.AbsolutePath.EndsWith("/status", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _statusWrites);
            if (Interlocked.Exchange(ref _interleaved, 1) == 0)
            {
                await interleave();
            }
        }
        return await base.SendAsync(request, cancellationToken);
    }
}
