using System.Diagnostics;

namespace Haystack.Testing;

/// <summary>The built <c>haystack</c> binary, started as a real child process with <c>dotnet haystack.dll</c>.</summary>
public static class HaystackExecutable
{
    /// <summary>haystack.dll and its runtimeconfig are copied next to the tests by the project reference.</summary>
    public static string DllPath
    {
        get
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "haystack.dll");
            if (!File.Exists(dll) || !File.Exists(Path.Combine(AppContext.BaseDirectory, "haystack.runtimeconfig.json")))
            {
                throw new FileNotFoundException("Build src/Haystack first: it is a project reference of the tests.", dll);
            }
            return dll;
        }
    }

    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(DllPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // Child servers must not inherit a test host's environment that changes their behaviour.
        start.Environment.Remove("HAYSTACK_DIRECTORY");
        start.Environment.Remove("HAYSTACK_CACHE");
        start.Environment["DOTNET_NOLOGO"] = "1";
        return start;
    }
}
