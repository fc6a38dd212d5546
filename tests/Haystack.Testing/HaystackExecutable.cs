using System.Diagnostics;

namespace Haystack.Testing;

/// <summary>
/// The built <c>haystack</c> binary, started as a real child process with <c>dotnet haystack.dll</c>. Every child runs
/// with <see cref="Key"/> (servers accept it, client verbs present it, <c>haystack dev</c> takes it from the
/// environment), so the end-to-end suites run against guarded clusters; <see cref="Client"/> presents it too.
/// </summary>
public static class HaystackExecutable
{
    /// <summary>The write key of every cluster the tests start as processes.</summary>
    public const string Key = "end-to-end-suite-key-5f0c9a1e";

    /// <summary>An HttpClient that presents <see cref="Key"/> on every request.</summary>
    public static HttpClient Client(TimeSpan timeout)
    {
        var http = new HttpClient { Timeout = timeout };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Key);
        return http;
    }

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
        foreach (var variable in new[] { "HAYSTACK_KEY_FILE", "HAYSTACK_PREVIOUS_KEY", "HAYSTACK_READ_KEY", "HAYSTACK_TOKEN" })
        {
            start.Environment.Remove(variable);
        }
        start.Environment["HAYSTACK_KEY"] = Key;
        start.Environment["DOTNET_NOLOGO"] = "1";
        return start;
    }
}
