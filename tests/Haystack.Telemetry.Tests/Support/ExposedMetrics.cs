using System.Text.RegularExpressions;

namespace Haystack.Telemetry.Tests.Support;

/// <summary>The metric family names in a Prometheus text exposition (from its <c># TYPE</c> lines), with the sample names they imply.</summary>
public static partial class ExposedMetrics
{
    public static HashSet<string> Families(string exposition) =>
        TypeLine().Matches(exposition).Select(match => match.Groups["name"].Value).ToHashSet();

    /// <summary>Every name a query may use: each family, plus _bucket/_sum/_count of histograms.</summary>
    public static HashSet<string> SampleNames(string exposition)
    {
        var names = new HashSet<string>();
        foreach (Match match in TypeLine().Matches(exposition))
        {
            var name = match.Groups["name"].Value;
            names.Add(name);
            if (match.Groups["type"].Value == "histogram")
            {
                names.UnionWith([name + "_bucket", name + "_sum", name + "_count"]);
            }
        }
        return names;
    }

    [GeneratedRegex(@"^# TYPE (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*) (?<type>\w+)$", RegexOptions.Multiline)]
    private static partial Regex TypeLine();
}
