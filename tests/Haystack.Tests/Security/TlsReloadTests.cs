using Haystack.Hosting;
using Haystack.Protocol;
using Haystack.Store;
using Haystack.Testing;
using Microsoft.Extensions.Logging;

namespace Haystack.Tests.Security;

/// <summary>
/// What spec.tls relies on when cert-manager renews a certificate or the CA changes in the mounted Secret: the server
/// serves the new certificate and the caller trusts the new CA without a restart; a file caught half-written changes
/// nothing. The files are checked every 100 ms here instead of every 30 s.
/// </summary>
public sealed class TlsReloadTests : IAsyncLifetime
{
    private static readonly TimeSpan Recheck = TimeSpan.FromMilliseconds(100);
    private readonly TestAuthority _served = new("First CA");
    private readonly TestAuthority _next = new("Second CA");
    private readonly string _data = System.IO.Directory.CreateTempSubdirectory("haystack-tls-reload-").FullName;
    private StoreServer _store = null!;

    public async Task InitializeAsync()
    {
        _store = StoreServer.Create(new StoreOptions
        {
            DataDirectory = _data,
            HttpPort = 0,
            GrpcPort = 0,
            LoopbackOnly = true,
            Tls = new ServerTls(_served.CertificateFile, _served.KeyFile, Recheck),
        }, logging => logging.SetMinimumLevel(LogLevel.Critical));
        await _store.StartAsync(CancellationToken.None);
        await _store.Loaded;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        System.IO.Directory.Delete(_data, recursive: true);
        _served.Dispose();
        _next.Dispose();
    }

    [Fact]
    public async Task A_renewed_certificate_is_served_without_a_restart()
    {
        var trustingNext = TrustedAuthority.Load(_next.CaFile);
        Assert.False(await AnswersAsync(trustingNext));

        Replace(_served.KeyFile, _next.KeyFile);
        Replace(_served.CertificateFile, _next.CertificateFile);

        Assert.True(await EventuallyAnswersAsync(trustingNext), "the store still serves the first certificate");
    }

    [Fact]
    public async Task A_replaced_ca_file_is_trusted_without_a_restart()
    {
        using var folder = new TemporaryDirectory();
        var caFile = Path.Combine(folder.Path, "ca.crt");
        File.Copy(_next.CaFile, caFile);
        var authority = TrustedAuthority.Load(caFile, Recheck);
        Assert.False(await AnswersAsync(authority));

        Replace(caFile, _served.CaFile);

        Assert.True(await EventuallyAnswersAsync(authority), "the caller still trusts only the second CA");
    }

    [Fact]
    public async Task A_half_written_ca_file_keeps_the_ca_that_worked()
    {
        using var folder = new TemporaryDirectory();
        var caFile = Path.Combine(folder.Path, "ca.crt");
        File.Copy(_served.CaFile, caFile);
        var authority = TrustedAuthority.Load(caFile, Recheck);
        Assert.True(await AnswersAsync(authority));

        await File.WriteAllTextAsync(caFile, "-----BEGIN CERTIFICATE-----\nMIIB");
        File.SetLastWriteTimeUtc(caFile, DateTime.UtcNow.AddMinutes(1));
        await Task.Delay(Recheck * 3);

        Assert.True(await AnswersAsync(authority));
    }

    /// <summary>Copies <paramref name="from"/> over <paramref name="file"/> with a write time that surely differs, as the kubelet swaps a Secret's files.</summary>
    private static void Replace(string file, string from)
    {
        File.Copy(from, file, overwrite: true);
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(1));
    }

    private async Task<bool> EventuallyAnswersAsync(TrustedAuthority authority)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (await AnswersAsync(authority))
            {
                return true;
            }
            await Task.Delay(Recheck);
        }
        return false;
    }

    /// <summary>A fresh connection (a pooled one would keep the certificate it was made with) to the store's /healthz.</summary>
    private async Task<bool> AnswersAsync(TrustedAuthority authority)
    {
        var handler = new SocketsHttpHandler();
        authority.Apply(handler);
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(new Uri(_store.HttpAddress, "healthz"));
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
