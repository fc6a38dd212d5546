using System.Net;
using System.Security.Authentication;
using Haystack.Kubernetes.Fake;
using Haystack.Kubernetes.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Haystack.Kubernetes.Tests.Configuration;

/// <summary>The configuration reaches the wire: bearer tokens, server verification against the CA, client certificates.</summary>
public sealed class ClientTransportTests(TestCertificates certificates) : IClassFixture<TestCertificates>
{
    [Fact]
    public async Task The_kubeconfig_token_is_sent_as_a_bearer_token()
    {
        await using var fake = await FakeApiServer.StartAsync();
        var path = fake.WriteKubeconfig(Path.Combine(Path.GetTempPath(), $"kubeconfig-{Guid.NewGuid():N}"), ns: "photos", token: "s3cret");
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);
        File.Delete(path);
        using var client = new Kubernetes(config);

        await client.ListNamespacedConfigMapAsync(config.Namespace!);

        Assert.Equal("photos", config.Namespace);
        Assert.Equal("Bearer s3cret", Assert.Single(fake.Requests).Authorization);
    }

    [Fact]
    public async Task A_server_signed_by_the_configured_authority_is_trusted_and_sees_the_client_certificate()
    {
        await using var server = await TlsServer.StartAsync(certificates);
        var client = certificates.Issue("haystack-operator", server: false);
        using var kubernetes = new Kubernetes(new KubernetesClientConfiguration
        {
            Host = server.Address,
            SslCaCerts = [certificates.Authority],
            ClientCertificate = client.WithKey,
        });

        var item = await kubernetes.ReadNamespacedConfigMapAsync("probe", "default");

        Assert.Equal("CN=haystack-operator", item.Data!["client"]);
    }

    [Fact]
    public async Task A_server_the_authority_did_not_sign_is_refused()
    {
        await using var server = await TlsServer.StartAsync(certificates);
        using var otherAuthority = new TestCertificates();
        using var kubernetes = new Kubernetes(new KubernetesClientConfiguration { Host = server.Address, SslCaCerts = [otherAuthority.Authority] });

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => kubernetes.ReadNamespacedConfigMapAsync("probe", "default"));

        Assert.IsType<AuthenticationException>(error.InnerException);
    }

    [Fact]
    public async Task Tls_server_name_is_the_name_the_server_certificate_is_checked_against()
    {
        await using var server = await TlsServer.StartAsync(certificates, serverNames: ["kubernetes.default.svc"]);
        using var byName = new Kubernetes(new KubernetesClientConfiguration
        {
            Host = server.Address,
            SslCaCerts = [certificates.Authority],
            TlsServerName = "kubernetes.default.svc",
        });
        using var byAddress = new Kubernetes(new KubernetesClientConfiguration { Host = server.Address, SslCaCerts = [certificates.Authority] });

        var item = await byName.ReadNamespacedConfigMapAsync("probe", "default");
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => byAddress.ReadNamespacedConfigMapAsync("probe", "default"));

        Assert.Equal("none", item.Data!["client"]);
        Assert.IsType<AuthenticationException>(error.InnerException);
    }

    [Fact]
    public async Task Insecure_skip_verify_accepts_any_server_certificate()
    {
        await using var server = await TlsServer.StartAsync(certificates);
        using var kubernetes = new Kubernetes(new KubernetesClientConfiguration { Host = server.Address, SkipTlsVerify = true });

        var item = await kubernetes.ReadNamespacedConfigMapAsync("probe", "default");

        Assert.Equal("none", item.Data!["client"]);
    }

    /// <summary>An HTTPS endpoint with a certificate from the test authority that reports the client certificate it saw.</summary>
    private sealed class TlsServer(WebApplication app, string address) : IAsyncDisposable
    {
        public string Address { get; } = address;

        public static async Task<TlsServer> StartAsync(TestCertificates certificates, IReadOnlyList<string>? serverNames = null)
        {
            var serverCertificate = certificates.Issue("api-server", server: true, serverNames: serverNames).WithKey;
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(https =>
            {
                https.ServerCertificate = serverCertificate;
                https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                https.ClientCertificateValidation = (_, _, _) => true;
            })));
            var app = builder.Build();
            app.Run(async context =>
            {
                var subject = context.Connection.ClientCertificate?.Subject ?? "none";
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(KubernetesJson.Serialize(new V1ConfigMap
                {
                    Metadata = new V1ObjectMeta { Name = "probe" },
                    Data = new Dictionary<string, string> { ["client"] = subject },
                }));
            });
            await app.StartAsync();
            var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new TlsServer(app, bound);
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
