namespace Haystack.Directory.Tests.Support;

/// <summary>
/// A KubernetesClient handler that, before the first write (PUT or PATCH) to a path ending in
/// <paramref name="pathSuffix"/> leaves, runs <paramref name="interfere"/>: another writer changing the object, so
/// the write goes out with a stale resourceVersion and must be retried.
/// </summary>
internal sealed class BeforeFirstWrite(string pathSuffix, Func<Task> interfere) : DelegatingHandler
{
    private int _fired;

    public bool Fired => Volatile.Read(ref _fired) == 1;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if ((request.Method == HttpMethod.Put || request.Method == HttpMethod.Patch)
            && request.RequestUri!.AbsolutePath.EndsWith(pathSuffix, StringComparison.Ordinal)
            && Interlocked.Exchange(ref _fired, 1) == 0)
        {
            await interfere();
        }
        return await base.SendAsync(request, cancellationToken);
    }
}
