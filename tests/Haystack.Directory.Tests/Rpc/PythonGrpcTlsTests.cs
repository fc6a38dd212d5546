using System.Text.Json;
using Haystack.Directory.Tests.Support;
using Haystack.Hosting;
using Haystack.Protocol;
using Haystack.Testing;

namespace Haystack.Directory.Tests.Rpc;

/// <summary>
/// TLS on gRPC as a client of another language sees it: the real grpcio client (directory_grpc_tls.py) uploads through a
/// directory started with a certificate from a CA made in the test and a write key. Trusting the CA it uploads, and the
/// photo is on the store; without the key the upload is UNAUTHENTICATED; without the CA there is no connection.
/// </summary>
public sealed class PythonGrpcTlsTests
{
    private const string Python = "/usr/bin/python3";

    [Fact]
    public async Task The_grpcio_client_trusting_the_ca_uploads_and_is_refused_without_the_ca_or_the_key()
    {
        using var authority = new TestAuthority();
        var keys = new AccessKeys(AccessKeys.Generate());
        await using var stores = await StoreGroup.StartAsync(1);
        await using var directory = await TestDirectory.StartAsync(stores.All,
            options => options with { Tls = new ServerTls(authority.CertificateFile, authority.KeyFile), Keys = keys });
        var stubs = System.IO.Directory.CreateTempSubdirectory("haystack-directory-tls-stubs-").FullName;
        try
        {
            var protos = Path.Combine(AppContext.BaseDirectory, "Rpc");
            await ExternalProcess.RunAsync(Python, "-m", "grpc_tools.protoc", $"-I{protos}", $"--python_out={stubs}", $"--grpc_python_out={stubs}",
                Path.Combine(protos, "directory.proto"));
            var grpc = directory.Server.GrpcAddress;
            Assert.Equal("https", grpc.Scheme);

            var output = await ExternalProcess.RunAsync(Python, Path.Combine(protos, "directory_grpc_tls.py"),
                stubs, $"{grpc.Host}:{grpc.Port}", authority.CaFile, keys.Current!);
            var report = JsonDocument.Parse(output).RootElement;

            var id = report.GetProperty("upload").GetProperty("photo_id").GetString()!;
            Assert.Equal(3072, report.GetProperty("upload").GetProperty("size").GetInt32());
            Assert.Equal(1, report.GetProperty("lookup").GetProperty("locations").GetInt32());
            Assert.Equal(3072, (await stores.All[0].Http.GetByteArrayAsync(new Uri(stores.All[0].Url, id))).Length);
            Assert.Equal("UNAUTHENTICATED", report.GetProperty("upload_without_key").GetProperty("code").GetString());
            Assert.Equal("UNAVAILABLE", report.GetProperty("upload_with_system_roots").GetProperty("code").GetString());
        }
        finally
        {
            System.IO.Directory.Delete(stubs, recursive: true);
        }
    }
}
