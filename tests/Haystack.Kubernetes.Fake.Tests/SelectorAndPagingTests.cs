using k8s.Autorest;
using k8s;
using k8s.Models;

namespace Haystack.Kubernetes.Fake.Tests;

public sealed class SelectorAndPagingTests : FakeServerTest
{
    [Theory]
    [InlineData("tier=store", "a,b")]
    [InlineData("tier==store", "a,b")]
    [InlineData("tier!=store", "c,d")]
    [InlineData("tier in (cache, directory)", "c")]
    [InlineData("tier notin (store)", "c,d")]
    [InlineData("zone", "a,c")]
    [InlineData("!zone", "b,d")]
    [InlineData("tier=store,zone=z1", "a")]
    [InlineData("tier in (store,cache),!zone", "b")]
    public async Task Label_selectors_filter_lists(string selector, string expected)
    {
        await SeedAsync();

        var list = await Client.CoreV1.ListNamespacedConfigMapAsync(Ns, labelSelector: selector);

        Assert.Equal(expected, string.Join(",", list.Items.Select(i => i.Metadata.Name)));
    }

    [Fact]
    public async Task A_malformed_selector_is_400_bad_request()
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ListNamespacedConfigMapAsync(Ns, labelSelector: "tier in store"));

        Assert.Equal(400, StatusOf(error).Code);
        Assert.Contains("tier in store", StatusOf(error).Message);
    }

    [Fact]
    public async Task Field_selectors_filter_by_name()
    {
        await SeedAsync();

        var list = await Client.CoreV1.ListNamespacedConfigMapAsync(Ns, fieldSelector: "metadata.name=c");

        Assert.Equal("c", Assert.Single(list.Items).Metadata.Name);
    }

    [Fact]
    public async Task Paging_with_limit_and_continue_returns_every_item_once()
    {
        for (var i = 0; i < 7; i++)
        {
            await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap($"cm-{i}"), Ns);
        }

        var names = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await Client.CoreV1.ListNamespacedConfigMapAsync(Ns, continueParameter: token, limit: 3);
            names.AddRange(page.Items.Select(i => i.Metadata.Name!));
            Assert.True(page.Items.Count <= 3);
            token = page.Metadata.ContinueProperty;
            if (token is not null)
            {
                Assert.Equal(7 - names.Count, page.Metadata.RemainingItemCount);
            }

            pages++;
        }
        while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"cm-{i}"), names);
    }

    [Fact]
    public async Task A_list_carries_the_current_resource_version()
    {
        await SeedAsync();

        var list = await Client.CoreV1.ListNamespacedConfigMapAsync(Ns);

        Assert.Equal(Fake.ResourceVersion.ToString(), list.Metadata.ResourceVersion);
    }

    private async Task SeedAsync()
    {
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a", Labels(("tier", "store"), ("zone", "z1"))), Ns);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("b", Labels(("tier", "store"))), Ns);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("c", Labels(("tier", "cache"), ("zone", "z2"))), Ns);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("d", Labels()), Ns);
    }

    private static Dictionary<string, string> Labels(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);
}
