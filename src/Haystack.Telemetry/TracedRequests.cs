using Microsoft.AspNetCore.Http;

namespace Haystack.Telemetry;

/// <summary>Which incoming requests may start or join a trace: not scrapes and probes, which come every few seconds and say nothing.</summary>
internal static class TracedRequests
{
    private static readonly PathString[] Untraced = ["/metrics", "/healthz", "/readyz"];

    public static bool Includes(PathString path)
    {
        foreach (var untraced in Untraced)
        {
            if (path.Equals(untraced, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }
        return true;
    }
}
