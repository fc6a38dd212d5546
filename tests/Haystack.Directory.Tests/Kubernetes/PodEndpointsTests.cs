using System.Net;
using Haystack.Protocol;

namespace Haystack.Directory.Tests.Kubernetes;

public sealed class PodEndpointsTests
{
    [Fact]
    public void A_host_map_sends_the_named_hosts_elsewhere_and_leaves_every_other_name_to_dns()
    {
        var endpoints = PodEndpoints.Parse(" photos-store-0.photos-store.haystack.svc=127.0.0.1:7101 , b.svc=127.0.0.1:7102");

        Assert.Equal(new DnsEndPoint("127.0.0.1", 7101), endpoints.Resolve("photos-store-0.photos-store.haystack.svc", 8080));
        Assert.Equal(new DnsEndPoint("127.0.0.1", 7102), endpoints.Resolve("B.svc", 8080));
        Assert.Equal(new DnsEndPoint("other.svc", 8080), endpoints.Resolve("other.svc", 8080));
        Assert.NotNull(endpoints.CreateHandler(TimeSpan.FromSeconds(1)).ConnectCallback);
        Assert.Null(PodEndpoints.Parse(null).CreateHandler(TimeSpan.FromSeconds(1)).ConnectCallback);
    }

    [Theory]
    [InlineData("host")]
    [InlineData("host=127.0.0.1")]
    [InlineData("=127.0.0.1:1")]
    [InlineData("host=127.0.0.1:0")]
    [InlineData("host=127.0.0.1:http")]
    public void A_malformed_host_map_entry_is_refused_by_name(string entry)
    {
        var error = Assert.Throws<ArgumentException>(() => PodEndpoints.Parse("ok=127.0.0.1:1," + entry));

        Assert.Contains($"'{entry}'", error.Message);
        Assert.Contains(PodEndpoints.HostMapVariable, error.Message);
    }

    [Fact]
    public void A_store_pods_url_is_spelled_as_the_operator_renders_the_directorys_store_arguments()
    {
        Assert.Equal(new Uri("http://photos-store-2.photos-store.haystack.svc:8080"), PodEndpoints.StorePod("photos", "haystack", "photos-store-2", 8080));
    }
}
