using Haystack.Operator.Crds;
using Haystack.Operator.Tests.Support;
using Haystack.Testing;

namespace Haystack.Operator.Tests.Crds;

public sealed class CrdFileTests
{
    [Fact]
    public void CheckedInCrdsMatchTheEntityClasses()
    {
        foreach (var (fileName, yaml) in HaystackCrds.Render())
        {
            Golden.AssertMatches($"crds/{fileName}", yaml);
        }
    }

    [Fact]
    public void NoCrdFileIsLeftOverFromARemovedEntity()
    {
        var expected = HaystackCrds.Render().Keys.Order().ToArray();
        var checkedIn = Directory.GetFiles(RepositoryRoot.Combine("crds"), "*.yaml").Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(expected, checkedIn);
    }
}
