using Haystack.Storage;
using Haystack.Store.Rpc;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;

namespace Haystack.Store.Tests.Grpc;

public sealed class StoreReadinessCheckTests
{
    [Fact]
    public async Task The_check_is_unhealthy_until_the_volumes_are_open()
    {
        var directory = Directory.CreateTempSubdirectory("haystack-store-ready-").FullName;
        try
        {
            var options = new StoreOptions
            {
                DataDirectory = directory,
                VolumesToCreate = [1],
                Volume = new VolumeOptions { MaxNeedleDataBytes = 1024, SizeLimitBytes = 1024 * 1024, PreallocationStepBytes = 64 * 1024 },
            };
            await using var volumes = new VolumeSet(options, NullLogger<VolumeSet>.Instance);
            var check = new StoreReadinessCheck(volumes);

            var before = await check.CheckHealthAsync(new HealthCheckContext());
            await volumes.LoadAsync(CancellationToken.None);
            var after = await check.CheckHealthAsync(new HealthCheckContext());

            Assert.Equal(HealthStatus.Unhealthy, before.Status);
            Assert.Equal(HealthStatus.Healthy, after.Status);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
