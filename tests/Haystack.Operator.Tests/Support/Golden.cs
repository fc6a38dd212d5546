using Haystack.Testing;

namespace Haystack.Operator.Tests.Support;

/// <summary>
/// Compares generated text with a checked-in file. With UPDATE_GOLDEN=1 the file is rewritten instead
/// (hack/update-golden.sh), so refreshing every golden file and CRD is one command.
/// </summary>
internal static class Golden
{
    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    /// <param name="relativePath">Path from the repository root, e.g. crds/haystack.io_volumes.yaml.</param>
    public static void AssertMatches(string relativePath, string actual)
    {
        var path = RepositoryRoot.Combine(relativePath);
        if (Updating)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"{relativePath} is missing: run hack/update-golden.sh and commit it");
        var expected = File.ReadAllText(path);
        if (expected != actual)
        {
            Assert.Fail($"{relativePath} is stale: run hack/update-golden.sh, review the diff and commit it.\n{FirstDifference(expected, actual)}");
        }
    }

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "<end of file>";
            var a = i < actualLines.Length ? actualLines[i] : "<end of file>";
            if (e != a)
            {
                return $"line {i + 1}:\n  checked in: {e}\n  generated:  {a}";
            }
        }
        return "";
    }
}
