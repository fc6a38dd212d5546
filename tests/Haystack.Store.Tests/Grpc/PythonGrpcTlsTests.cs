using System.Text.Json;
using Haystack.Hosting;
using Haystack.Protocol;
using Haystack.Testing;
using Microsoft.Extensions.Logging;

namespace Haystack.Store.Tests.Grpc;

/// <summary>
/// TLS on gRPC as a client of another language sees it: the real grpcio client (store_grpc_tls.py) against a store
/// started with <c>--tls-cert</c>/<c>--tls-key</c> from a CA made in the test and a write key. Trusting the CA it writes
/// and reads a photo; without the CA, or over plain text, it gets no connection; without the key, UNAUTHENTICATED.
/// </summary>
public sealed class PythonGrpcTlsTests : IAsyncLifetime
{
    private const string Python = "/usr/bin/python3";

    private readonly TestAuthority _authority = new();
    private readonly AccessKeys _keys = new(AccessKeys.Generate());
    private readonly string _data = Directory.CreateTempSubdirectory("haystack-grpc-tls-").FullName;
    private StoreServer _store = null!;

    public async Task InitializeAsync()
    {
        _store = StoreServer.Create(new StoreOptions
        {
            DataDirectory = Path.Combine(_data, "volumes"),
            HttpPort = 0,
            GrpcPort = 0,
            LoopbackOnly = true,
            VolumesToCreate = [1],
            Volume = new Storage.VolumeOptions { SizeLimitBytes = 64L * 1024 * 1024, PreallocationStepBytes = 1024 * 1024 },
            Tls = new ServerTls(_authority.CertificateFile, _authority.KeyFile),
            Keys = _keys,
        }, logging => logging.SetMinimumLevel(LogLevel.Critical));
        await _store.StartAsync(CancellationToken.None);
        await _store.Loaded;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_data, recursive: true);
        _authority.Dispose();
    }

    [Fact]
    public async Task The_grpcio_client_trusting_the_ca_writes_and_reads_and_is_refused_without_the_ca_or_the_key()
    {
        var stubs = Directory.CreateDirectory(Path.Combine(_data, "python-stubs")).FullName;
        var protos = Path.Combine(AppContext.BaseDirectory, "Grpc");
        await ExternalProcess.RunAsync(Python, "-m", "grpc_tools.protoc", $"-I{protos}", $"--python_out={stubs}", $"--grpc_python_out={stubs}",
            Path.Combine(protos, "store.proto"));
        Assert.Equal("https", _store.GrpcAddress.Scheme);

        var output = await ExternalProcess.RunAsync(Python, Path.Combine(protos, "store_grpc_tls.py"),
            stubs, $"{_store.GrpcAddress.Host}:{_store.GrpcAddress.Port}", _authority.CaFile, _keys.Current!);
        var report = JsonDocument.Parse(output).RootElement;

        Assert.Equal("1,42c0ffee01", report.GetProperty("write").GetProperty("photo_id").GetString());
        Assert.Equal(4096, report.GetProperty("write").GetProperty("size").GetInt32());
        Assert.True(report.GetProperty("read").GetProperty("same_data").GetBoolean());
        Assert.Equal("image/png", report.GetProperty("read").GetProperty("content_type").GetString());
        Assert.Equal("UNAUTHENTICATED", Code(report, "write_without_key"));
        Assert.Equal("UNAVAILABLE", Code(report, "read_with_system_roots"));
        Assert.Equal("UNAVAILABLE", Code(report, "read_over_plain_text"));
    }

    private static string Code(JsonElement report, string call) => report.GetProperty(call).GetProperty("code").GetString()!;
}
