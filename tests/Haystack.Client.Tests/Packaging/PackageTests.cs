using System.IO.Compression;
using System.Xml.Linq;
using Haystack.Client.Tests.Support;
using Haystack.Testing;

namespace Haystack.Client.Tests.Packaging;

/// <summary>
/// `dotnet pack` as a user runs it, on the build these tests already made (--no-build): the client is a NuGet
/// package an app can reference, and the CLI is a .NET tool that `dotnet tool install` puts on PATH.
/// </summary>
public sealed class PackageTests
{
    [Fact]
    public async Task The_client_packs_with_its_id_description_readme_and_no_server_project_among_its_dependencies()
    {
        using var output = new TemporaryDirectory();

        await PackAsync("src/Haystack.Client/Haystack.Client.csproj", output.Path);

        using var package = ZipFile.OpenRead(Assert.Single(System.IO.Directory.GetFiles(output.Path, "Haystack.Client.*.nupkg")));
        var nuspec = XDocument.Load(package.GetEntry("Haystack.Client.nuspec")!.Open());
        var metadata = nuspec.Root!.Elements().Single(element => element.Name.LocalName == "metadata");
        string Field(string name) => metadata.Elements().Single(element => element.Name.LocalName == name).Value;
        Assert.Equal("Haystack.Client", Field("id"));
        Assert.Contains("replicas", Field("description"));
        Assert.Equal("README.md", Field("readme"));
        Assert.Contains("Why its own `PhotoId`", new StreamReader(package.GetEntry("README.md")!.Open()).ReadToEnd());
        Assert.NotNull(package.GetEntry("lib/net10.0/Haystack.Client.dll"));
        Assert.NotNull(package.GetEntry("lib/net10.0/Haystack.Client.xml"));
        var dependencies = metadata.Descendants().Where(element => element.Name.LocalName == "dependency")
            .Select(element => element.Attribute("id")!.Value).ToList();
        Assert.Equal(["Polly.Core"], dependencies);
    }

    [Fact]
    public async Task The_cli_packs_as_a_dotnet_tool_that_installs_from_the_local_folder_as_haystack_and_runs()
    {
        using var scratch = new TemporaryDirectory();
        var packages = scratch.Combine("packages");
        var tools = scratch.Combine("tools");

        await PackAsync("src/Haystack/Haystack.csproj", packages);
        var (installExit, install) = await DotnetCommand.RunAsync("tool", "install", "--tool-path", tools, "--add-source", packages, "haystack");

        Assert.True(installExit == 0, install);
        Assert.Contains("Tool 'haystack' (version '0.1.0') was successfully installed", install);
        var (helpExit, help) = await DotnetCommand.RunProgramAsync(Path.Combine(tools, "haystack"), "--help");
        Assert.True(helpExit == 0, help);
        Assert.Contains("haystack: a Haystack photo store", help);
        Assert.All(["dev", "store", "upload", "get", "delete"], verb => Assert.Contains($"  {verb} ", help));
    }

    private static async Task PackAsync(string project, string output)
    {
        var (exitCode, log) = await DotnetCommand.RunAsync("pack", project, "-c", DotnetCommand.Configuration, "--no-build", "-o", output);
        Assert.True(exitCode == 0, $"dotnet pack {project} failed:\n{log}");
    }
}
