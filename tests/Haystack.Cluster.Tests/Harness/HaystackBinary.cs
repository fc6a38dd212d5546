using System.Diagnostics;

namespace Haystack.Cluster.Tests.Harness;

/// <summary>The built <c>haystack</c> executable (a project reference copies haystack.dll next to the tests), run with <c>dotnet</c>.</summary>
internal static class HaystackBinary
{
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "haystack.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("haystack.dll is missing next to the tests; build src/Haystack (a project reference).", dll);
        }
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // A container starts with its image's environment and what the pod spec adds, not the test host's.
        foreach (var inherited in start.Environment.Keys.Where(key => key.StartsWith("HAYSTACK_", StringComparison.Ordinal) || key is "KUBECONFIG" or "POD_NAME" or "POD_NAMESPACE").ToList())
        {
            start.Environment.Remove(inherited);
        }
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        return start;
    }
}
