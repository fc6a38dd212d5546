using System.Text.Json;
using Haystack.Directory.Tests.Support;
using Haystack.Protocol;
using Haystack.Testing;

namespace Haystack.Directory.Tests.Rpc;

/// <summary>
/// Wire compatibility: the real grpcio client (Debian's python3-grpcio), with stubs generated from directory.proto
/// by grpc_tools.protoc, uploads, looks up and deletes through the Directory (directory_grpc_client.py).
/// </summary>
public sealed class PythonGrpcClientTests
{
    private const string Python = "/usr/bin/python3";

    [Fact]
    public async Task The_grpcio_client_uploads_looks_up_and_deletes_and_gets_the_defined_error_statuses()
    {
        await using var stores = await StoreGroup.StartAsync(2);
        await using var directory = await TestDirectory.StartAsync(stores.All);
        var stubs = System.IO.Directory.CreateTempSubdirectory("haystack-directory-stubs-").FullName;
        try
        {
            var protos = Path.Combine(AppContext.BaseDirectory, "Rpc");
            await ExternalProcess.RunAsync(Python, "-m", "grpc_tools.protoc", $"-I{protos}", $"--python_out={stubs}", $"--grpc_python_out={stubs}",
                Path.Combine(protos, "directory.proto"));
            var grpc = directory.Server.GrpcAddress;

            var output = await ExternalProcess.RunAsync(Python, Path.Combine(protos, "directory_grpc_client.py"), stubs, $"{grpc.Host}:{grpc.Port}");

            var report = JsonDocument.Parse(output).RootElement;
            var upload = report.GetProperty("upload");
            var id = PhotoId.Parse(upload.GetProperty("photo_id").GetString()!);
            Assert.Equal(id.VolumeId, upload.GetProperty("volume").GetUInt32());
            Assert.Equal(5120, upload.GetProperty("size").GetInt32());
            Assert.Equal(2, upload.GetProperty("replicas").GetArrayLength());
            var keyed = PhotoId.Parse(report.GetProperty("upload_keyed").GetProperty("photo_id").GetString()!);
            Assert.Equal((0xABCDEFUL, 3u), (keyed.Key, keyed.AlternateKey));
            Assert.Equal(id.VolumeId, report.GetProperty("lookup").GetProperty("volume").GetUInt32());
            Assert.Equal("VOLUME_STATE_WRITABLE", report.GetProperty("lookup").GetProperty("state").GetString());
            Assert.Equal(2, report.GetProperty("lookup").GetProperty("locations").GetArrayLength());
            AssertStatus(report, "lookup_unknown", "NOT_FOUND", "Volume 4000");
            AssertStatus(report, "delete_again", "NOT_FOUND", id.ToString());
            AssertStatus(report, "delete_malformed", "INVALID_ARGUMENT", "7,caf\u00e9");
            AssertStatus(report, "upload_empty", "INVALID_ARGUMENT", "empty");
            foreach (var store in stores.All)
            {
                using var gone = await store.Http.GetAsync(new Uri(store.Url, id.ToString()));
                Assert.Equal(System.Net.HttpStatusCode.NotFound, gone.StatusCode);
            }
        }
        finally
        {
            System.IO.Directory.Delete(stubs, recursive: true);
        }
    }

    private static void AssertStatus(JsonElement report, string call, string code, string mentions)
    {
        var status = report.GetProperty(call);
        Assert.True(code == status.GetProperty("code").GetString(), $"{call}: expected {code}, got {status}");
        Assert.Contains(mentions, status.GetProperty("details").GetString());
    }
}
