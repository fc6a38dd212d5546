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

    /// <summary>A <c>haystack</c> verb as a command, for <see cref="ExternalProcess.RunAsync(ProcessCommand)"/>.</summary>
    public static ProcessCommand Command(IEnumerable<string> arguments, string? workingDirectory = null) =>
        new(System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", [DllPath, .. arguments])
        {
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
            Environment = ChildEnvironment,
        };

    /// <summary>A <c>haystack</c> process to start and keep (servers).</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments, string? workingDirectory = null) =>
        ExternalProcess.StartInfo(Command(arguments, workingDirectory));

    // Child servers must not inherit a test host's environment that changes their behaviour.
    private static Dictionary<string, string?> ChildEnvironment => new()
    {
        ["HAYSTACK_DIRECTORY"] = null,
        ["HAYSTACK_CACHE"] = null,
        ["HAYSTACK_KEY_FILE"] = null,
        ["HAYSTACK_PREVIOUS_KEY"] = null,
        ["HAYSTACK_READ_KEY"] = null,
        ["HAYSTACK_TOKEN"] = null,
        ["HAYSTACK_KEY"] = Key,
        ["DOTNET_NOLOGO"] = "1",
    };
}
