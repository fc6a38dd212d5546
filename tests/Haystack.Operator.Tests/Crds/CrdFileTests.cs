using Haystack.Operator.Crds;
using Haystack.Operator.Tests.Support;
using Haystack.Testing;

namespace Haystack.Operator.Tests.Crds;

public sealed class CrdFileTests
{
    [Fact]
    public void Checked_in_crds_match_the_entity_classes()
    {
        foreach (var (fileName, yaml) in HaystackCrds.Render())
        {
            Golden.AssertMatches($"crds/{fileName}", yaml);
        }
    }

    [Fact]
    public void No_crd_file_is_left_over_from_a_removed_entity()
    {
        var expected = HaystackCrds.Render().Keys.Order().ToArray();
        var checkedIn = Directory.GetFiles(RepositoryRoot.Combine("crds"), "*.yaml").Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(expected, checkedIn);
    }
}
