namespace Haystack.Commands.Cli;

/// <summary>The files an upload sends: the named files, and every file under the named folders, in a stable order.</summary>
public static class UploadSource
{
    public static IReadOnlyList<FileInfo> Expand(IEnumerable<string> paths)
    {
        var files = new List<FileInfo>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                files.Add(new FileInfo(path));
            }
            else if (System.IO.Directory.Exists(path))
            {
                var found = new DirectoryInfo(path)
                    .EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false })
                    .OrderBy(file => file.FullName, StringComparer.Ordinal);
                files.AddRange(found);
            }
            else
            {
                throw new CliException($"{path} is neither a file nor a folder; nothing was uploaded.", ExitCodes.Usage);
            }
        }
        if (files.Count == 0)
        {
            throw new CliException("the given folders hold no files; nothing to upload.", ExitCodes.Usage);
        }
        return files;
    }
}
