using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Haystack.Install.Tests.Support;
using Haystack.Testing;

namespace Haystack.Install.Tests;

/// <summary>charts/haystack passes `helm lint` and renders valid objects, with the default values and with every option on.</summary>
public sealed partial class ChartRenderTests
{
    public static TheoryData<string> ValuesFiles => new() { "default", "all-options" };

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public void Helm_lint_passes_in_strict_mode(string values)
    {
        var lint = InstalledTool.Helm(["lint", "--strict", Chart.Directory, "--namespace", Chart.Namespace, .. ValuesArguments(values)]);

        Assert.Contains("0 chart(s) failed", lint.Succeeded());
    }

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public void Every_rendered_object_is_valid_for_its_schema(string values)
    {
        ObjectValidation.AssertValid(Chart.Render(ValuesFilesOf(values)));
    }

    [Fact]
    public void Default_values_render_the_operator_with_two_leader_elected_replicas_probes_and_metrics_service_and_no_optional_objects()
    {
        var objects = Chart.Render();

        Assert.Equal(
            ["ClusterRole", "ClusterRole", "ClusterRoleBinding", "ClusterRoleBinding", "CustomResourceDefinition", "CustomResourceDefinition",
             "Deployment", "PodDisruptionBudget", "Role", "RoleBinding", "Service", "ServiceAccount"],
            objects.Select(Chart.Kind).Order());
        var pod = Chart.Single(objects, "Deployment")["spec"]!["template"]!["spec"]!;
        var container = pod["containers"]![0]!;
        Assert.Equal(2, Chart.Single(objects, "Deployment")["spec"]!["replicas"]!.GetValue<long>());
        Assert.Equal(["operator", "run", "--leader-elect=true", $"--lease-namespace={Chart.Namespace}", "--workers=2", "--http-port=8080", "--log-format=text"],
            Strings(container["args"]));
        Assert.Equal("/readyz", container["readinessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        Assert.True(pod["securityContext"]!["runAsNonRoot"]!.GetValue<bool>());
        Assert.True(container["securityContext"]!["readOnlyRootFilesystem"]!.GetValue<bool>());
        Assert.Equal("ghcr.io/haystack/haystack:0.1.0", container["image"]!.GetValue<string>());
    }

    [Fact]
    public void All_options_render_the_metrics_service_monitor_network_policy_and_cluster_with_probes_on_the_http_port()
    {
        var objects = Chart.Render(Chart.AllOptionsValues);

        var container = Chart.Single(objects, "Deployment")["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal(9090, container["ports"]![0]!["containerPort"]!.GetValue<long>());
        Assert.Equal("/healthz", container["livenessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        Assert.Equal("/readyz", container["readinessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        Assert.Contains("--namespace=photos", Strings(container["args"]));
        Assert.Equal("registry.example.com/photos/haystack:0.1.0-rc.1", Chart.Single(objects, "HaystackCluster")["spec"]!["image"]!.GetValue<string>());
        Assert.Equal("photos", Chart.Single(objects, "HaystackCluster")["metadata"]!["namespace"]!.GetValue<string>());
        Assert.Equal("http", Chart.Single(objects, "ServiceMonitor")["spec"]!["endpoints"]![0]!["port"]!.GetValue<string>());
        Assert.Equal(9090, Chart.Single(objects, "Service")["spec"]!["ports"]![0]!["port"]!.GetValue<long>());
        Assert.Equal("monitoring", Chart.Single(objects, "NetworkPolicy")["spec"]!["ingress"]![0]!["from"]![0]!
            ["namespaceSelector"]!["matchLabels"]!["kubernetes.io/metadata.name"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public void Every_flag_the_chart_passes_is_an_option_of_operator_run(string values)
    {
        // The run command's own options and the --log-format and --trace-sample-ratio it adds through TelemetryArguments.
        var source = File.ReadAllText(RepositoryRoot.Combine("src", "Haystack", "Commands", "OperatorRunCommand.cs")) +
            File.ReadAllText(RepositoryRoot.Combine("src", "Haystack", "Commands", "Cli", "TelemetryArguments.cs"));
        var declared = DeclaredOption().Matches(source).Select(m => m.Groups["name"].Value).ToHashSet();
        var args = Strings(Chart.Single(Chart.Render(ValuesFilesOf(values)), "Deployment")["spec"]!["template"]!["spec"]!["containers"]![0]!["args"]);

        Assert.Equal(["operator", "run"], args.Take(2));
        Assert.All(args.Skip(2), flag => Assert.Contains(flag.Split('=')[0], declared));
    }

    private static string[] ValuesFilesOf(string values) => values == "all-options" ? [Chart.AllOptionsValues] : [];

    private static string[] ValuesArguments(string values) => ValuesFilesOf(values).SelectMany(f => new[] { "--values", f }).ToArray();

    private static string[] Strings(JsonNode? list) => list!.AsArray().Select(n => n!.GetValue<string>()).ToArray();

    // `new Option<T>("--name"` and, as in TelemetryArguments, `Option<T> field = new("--name"`.
    [GeneratedRegex("""(new Option<[^>]+>|Option<[^>]+> \w+ = new)\("(?<name>--[a-z-]+)"[,)]""")]
    private static partial Regex DeclaredOption();
}
