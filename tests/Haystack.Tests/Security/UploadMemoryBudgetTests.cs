using System.Net;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Haystack.Testing;
using Haystack.Tests.Support;
using Xunit.Abstractions;
using V1 = Haystack.Protocol.Store.V1;

namespace Haystack.Tests.Security;

/// <summary>
/// Issue 15, item 3, against real store and directory processes: 200 clients each declare a 64 MiB upload (an HTTP
/// body, or a gRPC Write message), send 3 MiB of it and stall. The server's resident memory stays under its upload budget plus a fixed margin, ordinary
/// uploads and reads keep working meanwhile, and once the clients are gone the memory returns near its idle level.
/// Figures and method: docs/benchmarks.md, "Uploads in flight within a memory budget".
/// </summary>
public sealed class UploadMemoryBudgetTests(ITestOutputHelper output)
{
    private const long Budget = 256 * ResidentMemory.MiB;
    private const int HostileClients = 200;
    private const long DeclaredBytes = 64 * ResidentMemory.MiB;
    private const int SentBytes = 3 * 1024 * 1024;
    private const string WriteMethod = "/haystack.store.v1.Store/Write";

    /// <summary>
    /// Above the budget: the socket transport's read-ahead of 64 KiB per connection (13 MiB for 200), the upload pool's
    /// 28 MiB, and gRPC messages the budget has released that the GC has not collected yet (a full collection runs once
    /// they reach a quarter of the budget, 64 MiB). Large HTTP buffers are mappings unmapped the moment they are
    /// released, so the store and the directory hold to the same margin.
    /// </summary>
    private const long PeakMargin = 128 * ResidentMemory.MiB;

    /// <summary>How far above idle the memory may stay once the clients are gone.</summary>
    private const long AfterMargin = 64 * ResidentMemory.MiB;

    private static readonly string[] Limits = ["--upload-memory-budget", $"{Budget}", "--upload-stall-timeout-ms", "60000"];

    [Fact]
    public async Task Stalled_uploads_keep_a_store_within_its_budget_and_give_the_memory_back()
    {
        using var data = new TemporaryDirectory();
        await using var store = StartStore(data, FreePorts.Next(), Limits);
        await store.WaitReadyAsync();
        using var http = StoreClient(store);
        var key = 0;

        await MeasureAsync(store, async () => await StalledUploads.StartAsync(store.Url, "PUT", "/1,ff0badcafe", HostileClients, DeclaredBytes, SentBytes), PeakMargin,
            () => PutAndGetAsync(http, ++key));
    }

    [Fact]
    public async Task Stalled_grpc_writes_keep_a_store_within_its_budget_and_give_the_memory_back()
    {
        using var data = new TemporaryDirectory();
        var grpcAddress = ServerProcess.Local(FreePorts.Next());
        await using var store = StartStore(data, grpcAddress.Port, Limits);
        await store.WaitReadyAsync();
        using var http = StoreClient(store);
        using var channel = GrpcChannel.ForAddress(grpcAddress);
        var grpc = new V1.Store.StoreClient(channel);
        var headers = new Metadata { { "authorization", $"Bearer {HaystackExecutable.Key}" } };
        var key = 0;

        StalledGrpcUploads? hostile = null;
        await MeasureAsync(store, async () => hostile = await StalledGrpcUploads.StartAsync(grpcAddress, WriteMethod, HostileClients, DeclaredBytes, SentBytes), PeakMargin, async () =>
        {
            var photo = PhotoBytes.Create(++key, 200 * 1024);
            var id = $"1,{key:x}0badcafe";
            await grpc.WriteAsync(new V1.WriteRequest { PhotoId = id, Data = ByteString.CopyFrom(photo) }, headers);
            var read = await grpc.ReadAsync(new V1.ReadRequest { PhotoId = id }, headers);
            Assert.Equal(photo, read.Data.ToByteArray());
            await PutAndGetAsync(http, ++key);
        });

        Assert.All(hostile!.Answers(), answer =>
        {
            Assert.Equal($"{(int)StatusCode.Unavailable}", answer.Status);
            Assert.Contains("upload memory budget", answer.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_stalled_grpc_write_is_cut_with_deadline_exceeded_and_nothing_is_stored()
    {
        using var data = new TemporaryDirectory();
        var grpcAddress = ServerProcess.Local(FreePorts.Next());
        await using var store = StartStore(data, grpcAddress.Port, "--upload-stall-timeout-ms", "1000");
        await store.WaitReadyAsync();

        using var stalled = await StalledGrpcUploads.StartAsync(grpcAddress, WriteMethod, 1, DeclaredBytes, SentBytes);
        for (var wait = 0; wait < 100 && stalled.Answered() == 0; wait++)
        {
            await Task.Delay(100);
        }

        var (status, message) = Assert.Single(stalled.Answers());
        Assert.Equal($"{(int)StatusCode.DeadlineExceeded}", status);
        Assert.Contains("sent nothing for 1 s", message, StringComparison.Ordinal);
        using var http = StoreClient(store);
        Assert.Contains("\"needle_count\":0", await http.GetStringAsync("/volumes"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stalled_uploads_keep_a_directory_within_its_budget_and_give_the_memory_back()
    {
        using var data = new TemporaryDirectory();
        await using var store = StartStore(data, FreePorts.Next());
        await store.WaitReadyAsync();
        var port = FreePorts.Next();
        await using var directory = new ServerProcess("directory", ServerProcess.Local(port),
            ["directory", "--state", data.Combine("volumes.json"), "--port", $"{port}", "--grpc-port", $"{FreePorts.Next()}",
                "--store", store.Url.GetLeftPart(UriPartial.Authority), "--replication", "1", .. Limits]);
        directory.Start();
        await directory.WaitReadyAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", HaystackExecutable.Key);
        var key = 0;

        await MeasureAsync(directory, async () => await StalledUploads.StartAsync(directory.Url, "POST", "/upload", HostileClients, DeclaredBytes, SentBytes), PeakMargin, async () =>
        {
            var photo = PhotoBytes.Create(++key, 200 * 1024);
            using var posted = await http.PostAsync(new Uri(directory.Url, "upload"), new ByteArrayContent(photo));
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
            var id = System.Text.Json.JsonDocument.Parse(await posted.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
            Assert.Equal(photo, await http.GetByteArrayAsync(new Uri(store.Url, id)));
        });
    }

    private static ServerProcess StartStore(TemporaryDirectory data, int grpcPort, params string[] limits)
    {
        var port = FreePorts.Next();
        var store = new ServerProcess("store", ServerProcess.Local(port),
            ["store", "--data", data.Combine("store"), "--port", $"{port}", "--grpc-port", $"{grpcPort}", "--create-volume", "1", .. limits]);
        store.Start();
        return store;
    }

    private static HttpClient StoreClient(ServerProcess store)
    {
        var http = new HttpClient { BaseAddress = store.Url, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", HaystackExecutable.Key);
        return http;
    }

    private static async Task PutAndGetAsync(HttpClient store, int key)
    {
        var photo = PhotoBytes.Create(key, 200 * 1024);
        var id = $"1,{key:x}0badcafe";
        using var put = await store.PutAsync(id, new ByteArrayContent(photo));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(photo, await store.GetByteArrayAsync(id));
    }

    private async Task MeasureAsync(ServerProcess server, Func<Task<IStalledClients>> startAttack, long peakMargin, Func<Task> normalUploadAndRead)
    {
        for (var i = 0; i < 5; i++)
        {
            await normalUploadAndRead();
        }
        await Task.Delay(1000);
        var idle = ResidentMemory.Bytes(server.ProcessId);

        var attack = startAttack();
        var peak = await ResidentMemory.PeakWhileAsync(server.ProcessId, attack);
        using var stalled = await attack;
        // The stalled uploads are held open while ordinary photos go in and come back out.
        var normal = Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                await normalUploadAndRead();
            }
        });
        // The server takes the 600 MiB in as fast as it can; wait (bounded) until it has refused some, then a second more.
        var refusals = Task.Run(async () =>
        {
            for (var wait = 0; wait < 150 && stalled.Refused() == 0; wait++)
            {
                await Task.Delay(100);
            }
            await Task.Delay(1000);
        });
        peak = Math.Max(peak, await ResidentMemory.PeakWhileAsync(server.ProcessId, Task.WhenAll(normal, refusals)));
        await normal;
        var refused = stalled.Refused();

        stalled.Dispose();
        var after = await ResidentMemory.SettleAsync(server.ProcessId, idle + AfterMargin, TimeSpan.FromSeconds(15));
        output.WriteLine($"{server.Name}: idle {idle / ResidentMemory.MiB} MiB, peak {peak / ResidentMemory.MiB} MiB, after {after / ResidentMemory.MiB} MiB; " +
            $"{refused} of {HostileClients} hostile uploads refused");

        Assert.True(refused > 0, $"200 x 3 MiB is more than the {Budget / ResidentMemory.MiB} MiB budget; some uploads should have been refused\n{server.Output}");
        Assert.True(peak <= idle + Budget + peakMargin,
            $"peak {peak / ResidentMemory.MiB} MiB is over idle {idle / ResidentMemory.MiB} MiB + budget {Budget / ResidentMemory.MiB} MiB + margin {peakMargin / ResidentMemory.MiB} MiB");
        Assert.True(after <= idle + AfterMargin,
            $"after the clients left the {server.Name} holds {after / ResidentMemory.MiB} MiB, more than idle {idle / ResidentMemory.MiB} MiB + {AfterMargin / ResidentMemory.MiB} MiB");
    }
}
