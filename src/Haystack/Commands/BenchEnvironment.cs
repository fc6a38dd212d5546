namespace Haystack.Commands;

/// <summary>What the benchmark ran on, printed with the results, and the page-cache switch for cold reads.</summary>
public static class BenchEnvironment
{
    /// <summary>The file system type and mount point holding <paramref name="path"/>, from /proc/mounts.</summary>
    public static string FileSystemOf(string path)
    {
        if (!File.Exists("/proc/mounts"))
        {
            return "unknown file system";
        }
        var full = Path.GetFullPath(path);
        var best = (Mount: "", Type: "unknown");
        foreach (var line in File.ReadLines("/proc/mounts"))
        {
            var fields = line.Split(' ');
            if (fields.Length < 3)
            {
                continue;
            }
            var mount = fields[1].Replace("\\040", " ");
            var inside = full == mount || full.StartsWith(mount.EndsWith('/') ? mount : mount + "/", StringComparison.Ordinal);
            if (inside && mount.Length >= best.Mount.Length)
            {
                best = (mount, fields[2]);
            }
        }
        return $"{best.Type} at {best.Mount}";
    }

    /// <summary>Drops clean pages from the kernel's page cache so the next reads go to the disk; needs root.</summary>
    public static bool TryDropPageCache()
    {
        try
        {
            File.WriteAllText("/proc/sys/vm/drop_caches", "3\n");
            return true;
        }
        catch (Exception error) when (error is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }
}
