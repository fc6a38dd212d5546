using System.Text.RegularExpressions;
using System.Xml.Linq;
using Haystack.Testing;

namespace Haystack.Tests.Architecture;

/// <summary>
/// Who may use whom: each src project's ProjectReferences against the allowed list below, and the root README's
/// picture against the same list, so neither the code nor the picture drifts from the rule.
/// </summary>
public sealed partial class ProjectReferenceTests
{
    // Short names, without the "Haystack." prefix; "Haystack" is the executable.
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Storage"] = [],
        ["Protocol"] = [],
        ["Telemetry"] = [],
        ["Api"] = [],
        ["Hosting"] = ["Protocol"],
        ["Client"] = ["Protocol"],
        ["Store"] = ["Storage", "Protocol", "Hosting", "Telemetry"],
        ["Directory"] = ["Protocol", "Hosting", "Telemetry", "Storage", "Api"],
        ["Cache"] = ["Protocol", "Hosting", "Telemetry", "Storage"],
        ["Operator"] = ["Protocol", "Telemetry", "Api"],
        ["Haystack"] = ["Storage", "Protocol", "Telemetry", "Hosting", "Client", "Store", "Directory", "Cache", "Operator", "Api"],
    };

    [Fact]
    public void Every_src_project_references_only_the_projects_it_is_allowed_to()
    {
        var problems = new List<string>();
        foreach (var project in System.IO.Directory.GetFiles(RepositoryRoot.Combine("src"), "*.csproj", SearchOption.AllDirectories))
        {
            var name = ShortName(Path.GetFileNameWithoutExtension(project));
            if (!Allowed.TryGetValue(name, out var allowed))
            {
                problems.Add($"{project} is not in the allowed list; add it here and to the README's picture");
                continue;
            }
            problems.AddRange(References(project).Except(allowed).Select(reference => $"{name} references {reference}, which it may not"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_readme_picture_shows_the_same_rule_as_the_allowed_list()
    {
        var picture = File.ReadAllLines(RepositoryRoot.Combine("README.md"))
            .Select(line => PictureLine().Match(line))
            .Where(match => match.Success)
            .ToDictionary(match => ShortName(match.Groups["project"].Value), match => Targets(match.Groups["targets"].Value));

        Assert.Equal(Allowed.Keys.Order(), picture.Keys.Order());
        Assert.All(Allowed, rule => Assert.Equal(rule.Value.Order(), picture[rule.Key].Order()));
    }

    private static IEnumerable<string> References(string project) =>
        XDocument.Load(project).Descendants("ProjectReference")
            .Select(reference => ShortName(Path.GetFileNameWithoutExtension(reference.Attribute("Include")!.Value.Replace('\\', '/'))));

    // "Protocol, Hosting, Storage (why)" -> [Protocol, Hosting, Storage]; "-" -> [].
    private static string[] Targets(string text) =>
        ParenthesesNote().Replace(text, "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(target => target != "-").ToArray();

    private static string ShortName(string project) => project == "Haystack" ? project : project.Replace("Haystack.", "", StringComparison.Ordinal);

    [GeneratedRegex(@"^(?<project>Haystack(\.\w+)?)\s+->\s+(?<targets>.+)$")]
    private static partial Regex PictureLine();

    [GeneratedRegex(@"\s*\([^)]*\)")]
    private static partial Regex ParenthesesNote();
}
