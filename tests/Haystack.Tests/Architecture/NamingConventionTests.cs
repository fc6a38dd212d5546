using System.Text.RegularExpressions;
using Haystack.Testing;

namespace Haystack.Tests.Architecture;

/// <summary>
/// The two conventions .editorconfig cannot express (its field rules fail the build themselves): tests are named
/// as sentences, and every cancellation token is called <c>cancellationToken</c>.
/// </summary>
public sealed partial class NamingConventionTests
{
    [Fact]
    public void Every_test_is_named_as_a_sentence()
    {
        var tests = Sources("tests")
            .SelectMany(file => TestMethod().Matches(File.ReadAllText(file)).Select(match => (file, name: match.Groups["name"].Value)))
            .ToList();
        Assert.True(tests.Count > 500, $"only {tests.Count} tests found: the pattern no longer sees them");
        var offenders = tests
            .Where(test => !Sentence().IsMatch(test.name))
            .Select(test => $"{test.file}: {test.name}")
            .ToList();

        Assert.True(offenders.Count == 0, "Name tests as sentences, e.g. A_wrong_cookie_is_404:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void Every_cancellation_token_parameter_is_called_cancellationToken()
    {
        var parameters = Sources("src").Concat(Sources("tests"))
            .SelectMany(file => TokenParameter().Matches(File.ReadAllText(file)).Select(match => (file, name: match.Groups["name"].Value)))
            .ToList();
        Assert.True(parameters.Count > 100, $"only {parameters.Count} token parameters found: the pattern no longer sees them");
        var offenders = parameters
            .Where(parameter => parameter.name != "cancellationToken")
            .Select(parameter => $"{parameter.file}: {parameter.name}")
            .ToList();

        Assert.True(offenders.Count == 0, "Call cancellation token parameters cancellationToken:\n" + string.Join("\n", offenders));
    }

    private static IEnumerable<string> Sources(string folder) =>
        System.IO.Directory.GetFiles(RepositoryRoot.Combine(folder), "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains("/obj/", StringComparison.Ordinal) && !file.Contains("/bin/", StringComparison.Ordinal));

    [GeneratedRegex(@"\[(Fact|Theory|Property)[^\]]*\](\s*\[[^\]]*\])*\s*public\s+(async\s+)?[\w<>]+\s+(?<name>\w+)\s*\(")]
    private static partial Regex TestMethod();

    [GeneratedRegex(@"^[A-Z][A-Za-z0-9]*(_[A-Za-z0-9]+)+$")]
    private static partial Regex Sentence();

    // A parameter: after "(" or ",", the type, then the name; fields and locals do not follow those.
    [GeneratedRegex(@"[(,]\s*(\[[^\]]*\]\s*)?CancellationToken\s+(?<name>\w+)\s*[,)=]")]
    private static partial Regex TokenParameter();
}
