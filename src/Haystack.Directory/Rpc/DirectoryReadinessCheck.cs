using Haystack.Directory.Volumes;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Haystack.Directory.Rpc;

/// <summary>What /readyz says, for the gRPC health service: serving once the first probe round of the stores has finished.</summary>
internal sealed class DirectoryReadinessCheck(VolumeMaintenance maintenance) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(maintenance.Rounds > 0
            ? HealthCheckResult.Healthy($"{maintenance.Rounds} probe rounds done.")
            : HealthCheckResult.Unhealthy("The first probe of the stores has not finished yet."));
}
