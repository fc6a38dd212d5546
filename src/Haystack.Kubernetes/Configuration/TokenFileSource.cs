namespace Haystack.Kubernetes.Configuration;

/// <summary>
/// A bearer token read from a file and re-read every minute: projected service account tokens rotate,
/// and the kubelet rewrites the file in place.
/// </summary>
internal sealed class TokenFileSource(string path, TimeProvider clock)
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(1);
    private readonly Lock _gate = new();
    private string? _token;
    private DateTimeOffset _readAt;

    public string Path { get; } = path;

    public string Current()
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (_token is null || now - _readAt >= RefreshInterval)
            {
                _token = Read();
                _readAt = now;
            }

            return _token;
        }
    }

    private string Read()
    {
        try
        {
            return File.ReadAllText(Path).Trim();
        }
        catch (IOException e)
        {
            throw new KubeconfigException($"cannot read the bearer token file {Path}: {e.Message}", e);
        }
    }
}
