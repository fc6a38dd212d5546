using Microsoft.Extensions.Logging;

namespace Haystack.Store.Tests;

public sealed class StoreServerTests
{
    [Fact]
    public async Task A_store_whose_data_directory_cannot_be_used_stops_and_reports_why()
    {
        var notADirectory = Path.GetTempFileName();
        try
        {
            var options = new StoreOptions { DataDirectory = notADirectory, HttpPort = 0, GrpcPort = 0, LoopbackOnly = true };
            await using var server = StoreServer.Create(options, logging => logging.SetMinimumLevel(LogLevel.None));
            await server.StartAsync(CancellationToken.None);

            await Assert.ThrowsAsync<IOException>(() => server.WaitForShutdownAsync(CancellationToken.None));
        }
        finally
        {
            File.Delete(notADirectory);
        }
    }

    [Fact]
    public async Task Waiting_ends_when_the_caller_cancels()
    {
        var directory = Directory.CreateTempSubdirectory("haystack-store-test-").FullName;
        try
        {
            var options = new StoreOptions { DataDirectory = directory, HttpPort = 0, GrpcPort = 0, LoopbackOnly = true };
            await using var server = StoreServer.Create(options, logging => logging.SetMinimumLevel(LogLevel.None));
            await server.StartAsync(CancellationToken.None);
            await server.Loaded;
            using var stop = new CancellationTokenSource();

            var waiting = server.WaitForShutdownAsync(stop.Token);
            Assert.False(waiting.IsCompleted);
            await stop.CancelAsync();

            // The bound only turns a hang into a failure.
            await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData(8080, 8080)]
    [InlineData(-1, 8081)]
    [InlineData(8080, 70000)]
    public void Options_with_unusable_ports_are_refused(int httpPort, int grpcPort)
    {
        var options = new StoreOptions { DataDirectory = "/tmp/unused", HttpPort = httpPort, GrpcPort = grpcPort };

        Assert.ThrowsAny<ArgumentException>(() => StoreServer.Create(options));
    }
}
