using System.Text.RegularExpressions;
using Haystack.Testing;

namespace Haystack.Tests.Packaging;

/// <summary>
/// No Docker engine runs here, so the Dockerfile's build stage is replayed by hand: its COPY lines (with
/// `--parents` and `*` as BuildKit reads them) fill a scratch build context and its `RUN dotnet ...` lines
/// run there. A project missing from the restore layer, or a publish that does not produce the entrypoint, fails this test as it would fail `docker build`.
/// </summary>
public sealed partial class DockerfileBuildTests
{
    [Fact]
    public async Task The_build_stage_publishes_an_image_entrypoint_that_runs()
    {
        var repo = RepositoryRoot.Path;
        var scratch = System.IO.Directory.CreateTempSubdirectory("haystack-dockerfile-");
        try
        {
            var source = Path.Combine(scratch.FullName, "source");
            var app = Path.Combine(scratch.FullName, "app");
            foreach (var line in BuildStage(File.ReadAllLines(Path.Combine(repo, "Dockerfile"))))
            {
                if (CopyLine().Match(line) is { Success: true } copy)
                {
                    var parts = copy.Groups["args"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    var parents = parts[0] == "--parents";
                    var destination = Path.Combine(source, parts[^1].TrimEnd('/'));
                    foreach (var path in parts[(parents ? 1 : 0)..^1].SelectMany(p => Expand(repo, p.TrimEnd('/'))))
                    {
                        CopyInto(Path.Combine(repo, path), parents ? Path.Combine(destination, path) : destination, !parents && parts[^1].EndsWith('/'));
                    }
                }
                else if (RunLine().Match(line) is { Success: true } run)
                {
                    var arguments = run.Groups["args"].Value.Replace(" -o /app", $" -o {app}");
                    var (exitCode, output) = await RunAsync("dotnet", arguments, source);
                    Assert.True(exitCode == 0, $"`dotnet {arguments}` failed in the Dockerfile's build stage:\n{output}");
                }
            }

            var entrypoint = Path.Combine(app, "haystack.dll");
            Assert.True(File.Exists(entrypoint), "the publish step did not produce /app/haystack.dll, the image's entrypoint");
            var (helpExit, help) = await RunAsync("dotnet", $"{entrypoint} --help", app);
            Assert.Equal(0, helpExit);
            Assert.Contains("store", help);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    /// <summary>The instructions of the first stage, with line continuations joined.</summary>
    private static IEnumerable<string> BuildStage(string[] lines)
    {
        var stage = 0;
        foreach (var line in lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            if (line.StartsWith("FROM ", StringComparison.Ordinal) && ++stage > 1)
            {
                yield break;
            }
            yield return line;
        }
    }

    /// <summary>A COPY source's matches, relative to the context; `*` matches within one path segment.</summary>
    private static IEnumerable<string> Expand(string context, string pattern) =>
        pattern.Split('/').Aggregate(new[] { "" }.AsEnumerable(), (paths, segment) => paths.SelectMany(path => segment.Contains('*')
            ? System.IO.Directory.EnumerateFileSystemEntries(Path.Combine(context, path), segment).Select(entry => Path.GetRelativePath(context, entry))
            : [Path.Combine(path, segment)]));

    private static void CopyInto(string from, string destination, bool destinationIsFolder)
    {
        if (System.IO.Directory.Exists(from))
        {
            foreach (var file in System.IO.Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(from, file);
                if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
                {
                    continue; // .dockerignore keeps build output out of the context
                }
                var target = Path.Combine(destination, relative);
                System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target, overwrite: true);
            }
            return;
        }
        var targetFile = destinationIsFolder ? Path.Combine(destination, Path.GetFileName(from)) : destination;
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(targetFile)!);
        File.Copy(from, targetFile, overwrite: true);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string arguments, string workingDirectory)
    {
        // A RUN line's words carry no quotes; they split as the image's shell splits them.
        var run = await ExternalProcess.RunAsync(new ProcessCommand(file, arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            WorkingDirectory = workingDirectory,
            Timeout = TimeSpan.FromMinutes(15),
        });
        return (run.ExitCode, run.Printed);
    }

    [GeneratedRegex(@"^COPY\s+(?!--from)(?<args>.+)$")]
    private static partial Regex CopyLine();

    [GeneratedRegex(@"^RUN\s+dotnet\s+(?<args>.+)$")]
    private static partial Regex RunLine();
}
