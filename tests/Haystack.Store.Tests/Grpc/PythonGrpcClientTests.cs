using System.Security.Cryptography;
using System.Text.Json;
using Haystack.Store.Tests.Support;
using Haystack.Testing;

namespace Haystack.Store.Tests.Grpc;

/// <summary>
/// Wire compatibility: the real grpcio client (Debian's python3-grpcio) with stubs generated from store.proto by
/// grpc_tools.protoc drives every method, the server stream and the error statuses (store_grpc_client.py).
/// </summary>
public sealed class PythonGrpcClientTests
{
    private const string Python = "/usr/bin/python3";
    private const string CorruptPhotoId = "1,1deadbeef";

    // Debian's grpc-proto (hack/deps/apt.txt): the reflection service's contract.
    private const string ReflectionProtos = "/usr/share/grpc-proto/grpc/reflection/v1";

    [Fact]
    public async Task The_grpcio_client_gets_results_and_error_statuses_as_the_protocol_defines_them()
    {
        var directory = Directory.CreateTempSubdirectory("haystack-store-grpc-").FullName;
        try
        {
            await WriteCorruptNeedleAsync(directory);
            var stubs = await GenerateStubsAsync(directory);
            await using var store = await TestStore.StartAsync(dataDirectory: directory);
            var grpc = store.Server.GrpcAddress;

            var output = await ExternalProcess.RunAsync(Python, Path.Combine(AppContext.BaseDirectory, "Grpc", "store_grpc_client.py"),
                stubs, $"{grpc.Host}:{grpc.Port}", CorruptPhotoId);
            var report = JsonDocument.Parse(output).RootElement;
            await store.StopAsync();

            Assert.Equal(7, report.GetProperty("create").GetProperty("volume_id").GetInt32());
            AssertStatus(report, "create_again", "ALREADY_EXISTS");
            Assert.Equal("7,12345678deadbeef", report.GetProperty("write").GetProperty("photo_id").GetString());
            Assert.Equal(10240, report.GetProperty("write").GetProperty("size").GetInt32());
            Assert.True(report.GetProperty("read").GetProperty("same_data").GetBoolean());
            Assert.Equal("image/png", report.GetProperty("read").GetProperty("content_type").GetString());
            Assert.Equal(report.GetProperty("write").GetProperty("etag").GetString(), report.GetProperty("read").GetProperty("etag").GetString());

            AssertStatus(report, "read_wrong_cookie", "NOT_FOUND");
            Assert.Contains("7,caf\u00e9", AssertStatus(report, "read_malformed", "INVALID_ARGUMENT"));
            Assert.Contains("Volume 99", AssertStatus(report, "write_unknown_volume", "NOT_FOUND"));
            AssertStatus(report, "write_oversize", "RESOURCE_EXHAUSTED");
            Assert.Contains(CorruptPhotoId, AssertStatus(report, "read_corrupt", "DATA_LOSS"));

            Assert.Equal([1, 7], report.GetProperty("list").EnumerateArray().Select(v => v.GetInt32()));
            Assert.Equal(1, report.GetProperty("status").GetProperty("needle_count").GetInt32());
            AssertStatus(report, "status_unknown", "NOT_FOUND");

            var stream = report.GetProperty("stream");
            var volumeFile = await File.ReadAllBytesAsync(Path.Combine(directory, "1.dat"));
            Assert.Equal(3, stream.GetProperty("chunks").GetInt32());
            Assert.True(stream.GetProperty("offsets_in_order").GetBoolean());
            Assert.Equal(volumeFile.Length, stream.GetProperty("total_bytes").GetInt64());
            Assert.Equal(volumeFile.Length, stream.GetProperty("length").GetInt64());
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(volumeFile)), stream.GetProperty("sha256").GetString());
            AssertStatus(report, "stream_unknown", "NOT_FOUND");

            AssertStatus(report, "read_deleted", "NOT_FOUND");
            AssertStatus(report, "delete_again", "NOT_FOUND");
            Assert.True(report.GetProperty("compact").GetProperty("size_after").GetInt64() < report.GetProperty("compact").GetProperty("size_before").GetInt64());
            Assert.True(report.GetProperty("read_only").GetProperty("read_only").GetBoolean());
            Assert.Contains("read-only", AssertStatus(report, "write_read_only", "FAILED_PRECONDITION"));
            Assert.Contains("/haystack.store.v1.Store/Rename", AssertStatus(report, "unknown_method", "UNIMPLEMENTED"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task The_grpcio_client_lists_the_services_through_reflection()
    {
        var directory = Directory.CreateTempSubdirectory("haystack-store-reflection-").FullName;
        try
        {
            var stubs = Directory.CreateDirectory(Path.Combine(directory, "python-stubs")).FullName;
            await ExternalProcess.RunAsync(Python, "-m", "grpc_tools.protoc", $"-I{ReflectionProtos}", $"--python_out={stubs}", $"--grpc_python_out={stubs}",
                Path.Combine(ReflectionProtos, "reflection.proto"));
            await using var store = await TestStore.StartAsync();
            var grpc = store.Server.GrpcAddress;

            var output = await ExternalProcess.RunAsync(Python, Path.Combine(AppContext.BaseDirectory, "Grpc", "store_grpc_reflection.py"),
                stubs, $"{grpc.Host}:{grpc.Port}");
            var report = JsonDocument.Parse(output).RootElement;

            Assert.Equal(
                ["grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection", "haystack.store.v1.Store"],
                report.GetProperty("services").EnumerateArray().Select(s => s.GetString()));
            Assert.Equal(
                ["Write", "Read", "Delete", "CreateVolume", "ListVolumes", "VolumeStatus", "MarkReadOnly", "Compact", "StreamVolume"],
                report.GetProperty("store_methods").EnumerateArray().Select(m => m.GetString()));
            Assert.Equal((int)global::Grpc.Core.StatusCode.NotFound, report.GetProperty("unknown_symbol_error").GetInt32());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string AssertStatus(JsonElement report, string call, string expectedCode)
    {
        var status = report.GetProperty(call);
        Assert.True(expectedCode == status.GetProperty("code").GetString(), $"{call}: expected {expectedCode}, got {status}");
        var details = status.GetProperty("details").GetString();
        Assert.False(string.IsNullOrWhiteSpace(details), $"{call}: the status carries no message");
        return details!;
    }

    private static async Task<string> GenerateStubsAsync(string directory)
    {
        var stubs = Directory.CreateDirectory(Path.Combine(directory, "python-stubs")).FullName;
        var protos = Path.Combine(AppContext.BaseDirectory, "Grpc");
        await ExternalProcess.RunAsync(Python, "-m", "grpc_tools.protoc", $"-I{protos}", $"--python_out={stubs}", $"--grpc_python_out={stubs}",
            Path.Combine(protos, "store.proto"));
        return stubs;
    }

    /// <summary>Volume 1: a corrupt needle, then one large enough that streaming the volume takes 3 chunks.</summary>
    private static async Task WriteCorruptNeedleAsync(string directory)
    {
        var data = Bytes.Random(3000, 21);
        await using (var store = await TestStore.StartAsync(dataDirectory: directory))
        {
            await store.Http.PutAsync($"/{CorruptPhotoId}", new ByteArrayContent(data));
            await store.Http.PutAsync("/1,2deadbeef", new ByteArrayContent(Bytes.Random(600 * 1024, 22)));
        }
        Bytes.FlipInFile(Path.Combine(directory, "1.dat"), data, 1500);
    }
}
