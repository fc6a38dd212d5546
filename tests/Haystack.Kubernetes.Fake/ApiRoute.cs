namespace Haystack.Kubernetes.Fake;

/// <summary>
/// A parsed resource URL: <c>/api/v1[/namespaces/{ns}]/{plural}[/{name}[/{subresource}]]</c> or the same under
/// <c>/apis/{group}/{version}</c>.
/// </summary>
internal sealed record ApiRoute(string Group, string Version, string? Namespace, string Plural, string? Name, string? Subresource)
{
    public static ApiRoute? Parse(string path)
    {
        var segments = path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        string group;
        string version;
        int rest;
        if (segments.Length >= 3 && segments[0] == "api")
        {
            (group, version, rest) = ("", segments[1], 2);
        }
        else if (segments.Length >= 4 && segments[0] == "apis")
        {
            (group, version, rest) = (segments[1], segments[2], 3);
        }
        else
        {
            return null;
        }

        string? ns = null;
        if (segments.Length - rest >= 3 && segments[rest] == "namespaces")
        {
            ns = segments[rest + 1];
            rest += 2;
        }

        var tail = segments[rest..];
        return tail.Length switch
        {
            1 => new ApiRoute(group, version, ns, tail[0], null, null),
            2 => new ApiRoute(group, version, ns, tail[0], tail[1], null),
            3 => new ApiRoute(group, version, ns, tail[0], tail[1], tail[2]),
            _ => null,
        };
    }
}
