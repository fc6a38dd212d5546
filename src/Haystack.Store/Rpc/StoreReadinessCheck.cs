using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Haystack.Store.Rpc;

/// <summary>What /readyz says, for the gRPC health service: serving once every volume found at start-up is open.</summary>
internal sealed class StoreReadinessCheck(VolumeSet volumes) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(volumes.IsLoaded
            ? HealthCheckResult.Healthy($"{volumes.Count} volumes open.")
            : HealthCheckResult.Unhealthy($"Still opening volumes ({volumes.Count} open so far)."));
}
