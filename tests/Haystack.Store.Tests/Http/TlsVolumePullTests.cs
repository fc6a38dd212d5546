using System.Net;
using Haystack.Hosting;
using Haystack.Protocol;
using Haystack.Testing;

namespace Haystack.Store.Tests.Http;

/// <summary>A pull from a peer that serves TLS (spec.tls in Kubernetes) trusts the store's --tls-ca, and only it.</summary>
public sealed class TlsVolumePullTests : IAsyncLifetime
{
    private readonly TestAuthority _authority = new();
    private TestStore _source = null!;

    public async Task InitializeAsync() =>
        _source = await TestStore.StartAsync(volumes: [1], configure: options => options with { Tls = new ServerTls(_authority.CertificateFile, _authority.KeyFile) });

    public async Task DisposeAsync()
    {
        await _source.DisposeAsync();
        _authority.Dispose();
    }

    [Fact]
    public async Task A_store_trusting_the_peer_ca_pulls_over_https()
    {
        await using var target = await TestStore.StartAsync(volumes: [5], configure: options => options with { TrustedCa = TrustedAuthority.Load(_authority.CaFile) });

        var pull = await PullAsync(target);

        Assert.True(pull.StatusCode == HttpStatusCode.Created, await pull.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_store_trusting_another_ca_refuses_the_peer_and_imports_nothing()
    {
        using var other = new TestAuthority("Some other CA");
        await using var target = await TestStore.StartAsync(volumes: [5], configure: options => options with { TrustedCa = TrustedAuthority.Load(other.CaFile) });

        var pull = await PullAsync(target);

        Assert.Equal(HttpStatusCode.BadGateway, pull.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await target.Http.GetAsync("/volumes/1")).StatusCode);
    }

    private Task<HttpResponseMessage> PullAsync(TestStore target) =>
        target.Http.PostAsync($"/volumes/1/pull?from={Uri.EscapeDataString(_source.Server.HttpAddress.ToString())}", null);
}
