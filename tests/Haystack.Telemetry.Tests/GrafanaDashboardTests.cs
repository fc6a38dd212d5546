using System.Text.Json;
using System.Text.RegularExpressions;
using Haystack.Telemetry.Tests.Support;

namespace Haystack.Telemetry.Tests;

/// <summary>config/grafana/haystack.json queries only metrics that the running roles really export.</summary>
[Collection(DevClusterCollection.Name)]
public sealed partial class GrafanaDashboardTests(DevClusterFixture cluster)
{
    [Fact]
    public async Task Every_query_of_the_dashboard_names_metrics_that_a_role_exports()
    {
        var exported = new HashSet<string>();
        foreach (var (_, port) in cluster.Targets)
        {
            exported.UnionWith(ExposedMetrics.SampleNames(await cluster.ScrapeAsync(port)));
        }
        var queries = DashboardQueries();
        Assert.NotEmpty(queries);

        foreach (var (panel, expression) in queries)
        {
            var metrics = MetricNames(expression);
            Assert.True(metrics.Count > 0, $"panel '{panel}': '{expression}' names no metric");
            var unknown = metrics.Where(metric => !exported.Contains(metric)).ToList();
            Assert.True(unknown.Count == 0, $"panel '{panel}' queries {string.Join(", ", unknown)}, which no role exports: '{expression}'");
        }
    }

    [Fact]
    public void Every_panel_of_the_dashboard_has_a_query_and_a_unit()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "grafana", "haystack.json")));
        var panels = dashboard.RootElement.GetProperty("panels").EnumerateArray().Where(p => p.GetProperty("type").GetString() != "row").ToList();

        Assert.True(panels.Count >= 12, $"the dashboard has only {panels.Count} panels");
        Assert.All(panels, panel =>
        {
            var title = panel.GetProperty("title").GetString();
            Assert.True(panel.GetProperty("targets").GetArrayLength() > 0, $"panel '{title}' has no query");
            Assert.True(panel.GetProperty("fieldConfig").GetProperty("defaults").TryGetProperty("unit", out _), $"panel '{title}' has no unit");
        });
    }

    private static List<(string Panel, string Expression)> DashboardQueries()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "grafana", "haystack.json")));
        var queries = new List<(string, string)>();
        foreach (var panel in dashboard.RootElement.GetProperty("panels").EnumerateArray())
        {
            if (!panel.TryGetProperty("targets", out var targets))
            {
                continue;
            }
            foreach (var target in targets.EnumerateArray())
            {
                queries.Add((panel.GetProperty("title").GetString()!, target.GetProperty("expr").GetString()!));
            }
        }
        foreach (var variable in dashboard.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray())
        {
            if (variable.GetProperty("type").GetString() == "query")
            {
                queries.Add(($"variable {variable.GetProperty("name").GetString()}", variable.GetProperty("query").GetProperty("query").GetString()!));
            }
        }
        return queries;
    }

    /// <summary>The metric names in a PromQL expression: identifiers outside label matchers and grouping clauses, less functions and keywords.</summary>
    private static List<string> MetricNames(string expression)
    {
        var query = LabelValues().Replace(expression, "$1");
        var outside = Grouping().Replace(Matchers().Replace(Ranges().Replace(query, ""), ""), "");
        return [.. Identifier().Matches(outside).Select(match => match.Value).Where(name => !PromQlWords.Contains(name)).Distinct()];
    }

    private static readonly HashSet<string> PromQlWords =
    [
        "sum", "avg", "max", "min", "count", "rate", "irate", "increase", "histogram_quantile", "topk", "bottomk", "clamp_min",
        "by", "without", "on", "ignoring", "and", "or", "unless", "label_values", "query_result", "group_left", "group_right",
    ];

    /// <summary>A variable's <c>label_values(metric, label)</c>: the metric is what must exist.</summary>
    [GeneratedRegex(@"label_values\(([^,]+),\s*\w+\)")]
    private static partial Regex LabelValues();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"\b(by|without|on|ignoring)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"(?<![\w$.""])[a-zA-Z_:][a-zA-Z0-9_:]*(?![\w""])")]
    private static partial Regex Identifier();
}
