using System.Net;
using System.Security.Authentication;
using Grpc.Net.Client;
using Haystack.Hosting;
using Haystack.Protocol;
using Haystack.Store;
using Haystack.Testing;
using Microsoft.Extensions.Logging;
using V1 = Haystack.Protocol.Store.V1;

namespace Haystack.Tests.Security;

/// <summary>
/// A store with <c>--tls-cert</c>/<c>--tls-key</c> from a CA made in the test serves real HTTPS and gRPC over TLS; a
/// caller trusting that CA (<c>--tls-ca</c>) gets through, one trusting another CA does not, and plain HTTP is refused.
/// </summary>
public sealed class TlsTests : IAsyncLifetime
{
    private readonly TestAuthority _authority = new();
    private readonly string _data = System.IO.Directory.CreateTempSubdirectory("haystack-tls-store-").FullName;
    private StoreServer _store = null!;

    public async Task InitializeAsync()
    {
        _store = StoreServer.Create(new StoreOptions
        {
            DataDirectory = _data,
            HttpPort = 0,
            GrpcPort = 0,
            LoopbackOnly = true,
            VolumesToCreate = [1],
            Volume = new Storage.VolumeOptions { SizeLimitBytes = 64L * 1024 * 1024, PreallocationStepBytes = 1024 * 1024 },
            Tls = new ServerTls(_authority.CertificateFile, _authority.KeyFile),
        }, logging => logging.SetMinimumLevel(LogLevel.Critical));
        await _store.StartAsync(CancellationToken.None);
        await _store.Loaded;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        System.IO.Directory.Delete(_data, recursive: true);
        _authority.Dispose();
    }

    [Fact]
    public async Task A_caller_trusting_the_ca_writes_and_reads_over_https()
    {
        Assert.Equal("https", _store.HttpAddress.Scheme);
        using var http = new HttpClient(Trusting(_authority.CaFile));
        var id = new PhotoId(1, 0x42, 0, 0x1234abcd).ToString();

        using var written = await http.PutAsync(new Uri(_store.HttpAddress, id), new ByteArrayContent([1, 2, 3]));

        Assert.Equal(HttpStatusCode.Created, written.StatusCode);
        Assert.Equal([1, 2, 3], await http.GetByteArrayAsync(new Uri(_store.HttpAddress, id)));
    }

    [Fact]
    public async Task Grpc_runs_over_tls_for_a_caller_trusting_the_ca()
    {
        Assert.Equal("https", _store.GrpcAddress.Scheme);
        using var channel = GrpcChannel.ForAddress(_store.GrpcAddress, new GrpcChannelOptions { HttpHandler = Trusting(_authority.CaFile) });

        var volumes = await new V1.Store.StoreClient(channel).ListVolumesAsync(new V1.ListVolumesRequest());

        Assert.Equal(1u, Assert.Single(volumes.Volumes).VolumeId);
    }

    [Fact]
    public async Task A_caller_trusting_another_ca_is_refused_the_connection()
    {
        using var other = new TestAuthority("Some other CA");
        using var http = new HttpClient(Trusting(other.CaFile));

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri(_store.HttpAddress, "healthz")));

        Assert.IsType<AuthenticationException>(refused.InnerException);
    }

    [Fact]
    public async Task Plain_http_on_the_tls_port_gets_no_answer()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var plain = new UriBuilder(_store.HttpAddress) { Scheme = "http" }.Uri;

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.GetAsync(new Uri(plain, "healthz")));
    }

    private static SocketsHttpHandler Trusting(string caFile)
    {
        var handler = new SocketsHttpHandler();
        TrustedAuthority.Load(caFile).Apply(handler);
        return handler;
    }
}
