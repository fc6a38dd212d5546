using System.Globalization;

namespace Haystack.Hosting.Uploads;

/// <summary>
/// The memory limit of the container this process runs in, read from the cgroup file system (v2 <c>memory.max</c>,
/// or v1 <c>memory.limit_in_bytes</c>) along the process's own cgroup path and its parents; null when no limit is set
/// (a developer machine, a pod without <c>resources.limits.memory</c>).
/// </summary>
public static class ContainerMemoryLimit
{
    // cgroup v1 writes "no limit" as the largest page-aligned long; anything this large is no limit.
    private const long Unlimited = 1L << 62;

    public static long? Read() => Read("/proc/self/cgroup", "/sys/fs/cgroup");

    /// <summary>The limit seen from <paramref name="cgroupFile"/> (the process's cgroup list) under <paramref name="root"/>.</summary>
    public static long? Read(string cgroupFile, string root)
    {
        if (!File.Exists(cgroupFile))
        {
            return null;
        }
        long? smallest = null;
        foreach (var line in File.ReadAllLines(cgroupFile))
        {
            // hierarchy-id:controllers:path; v2 is "0::/path", v1's memory hierarchy lists "memory" among its controllers.
            var parts = line.Split(':', 3);
            if (parts.Length != 3)
            {
                continue;
            }
            var limit = parts[1] switch
            {
                "" when parts[0] == "0" => SmallestAlong(root, parts[2], "memory.max"),
                var controllers when controllers.Split(',').Contains("memory") =>
                    SmallestAlong(Path.Combine(root, "memory"), parts[2], "memory.limit_in_bytes"),
                _ => null,
            };
            if (limit is { } found && (smallest is null || found < smallest))
            {
                smallest = found;
            }
        }
        return smallest;
    }

    // Inside a container the cgroup path often names the host's hierarchy while the mount shows only the container's
    // own group: look at the named group and each of its parents, down to the mount's root, and keep the smallest.
    private static long? SmallestAlong(string mount, string cgroupPath, string fileName)
    {
        long? smallest = null;
        var relative = cgroupPath.Trim('/');
        while (true)
        {
            var file = Path.Combine(mount, relative, fileName);
            if (File.Exists(file) && Parse(File.ReadAllText(file)) is { } limit && (smallest is null || limit < smallest))
            {
                smallest = limit;
            }
            if (relative.Length == 0)
            {
                return smallest;
            }
            var parent = relative.LastIndexOf('/');
            relative = parent < 0 ? "" : relative[..parent];
        }
    }

    private static long? Parse(string text) =>
        long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && bytes is > 0 and < Unlimited ? bytes : null;
}
