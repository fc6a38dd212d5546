using Haystack.Install.Tests.Support;
using Haystack.Testing;

namespace Haystack.Install.Tests;

/// <summary>The chart installs exactly the CRDs the operator is built for: the files of crds/, byte for byte.</summary>
public sealed class ChartCrdTests
{
    private const string Fix = "run hack/generate-crds.sh, which copies crds/ into charts/haystack/crds/";

    [Fact]
    public void Chart_crds_are_the_files_of_the_top_level_crds_folder()
    {
        var top = YamlFiles(RepositoryRoot.Combine("crds"));
        var chart = YamlFiles(RepositoryRoot.Combine("charts", "haystack", "crds"));

        Assert.True(top.Keys.Order().SequenceEqual(chart.Keys.Order()),
            $"charts/haystack/crds has [{string.Join(", ", chart.Keys.Order())}], crds/ has [{string.Join(", ", top.Keys.Order())}]: {Fix}");
        Assert.All(top, file => Assert.True(file.Value == chart[file.Key], $"charts/haystack/crds/{file.Key} differs from crds/{file.Key}: {Fix}"));
    }

    [Fact]
    public void Helm_template_includes_every_crd()
    {
        var rendered = Chart.Render().Where(o => Chart.Kind(o) == "CustomResourceDefinition").Select(Chart.Name);

        Assert.Equal(["haystackclusters.haystack.io", "volumes.haystack.io"], rendered.Order());
    }

    private static Dictionary<string, string> YamlFiles(string directory) =>
        System.IO.Directory.GetFiles(directory, "*.yaml").ToDictionary(path => Path.GetFileName(path), File.ReadAllText);
}
