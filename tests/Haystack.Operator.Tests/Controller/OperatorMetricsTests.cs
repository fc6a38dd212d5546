using System.Diagnostics.Metrics;
using Haystack.Operator.Controller;
using Haystack.Operator.Entities;
using Haystack.Operator.Tests.Rebuilds;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Haystack.Operator.Tests.Controller;

public sealed class OperatorMetricsTests
{
    [Fact]
    public void The_volume_gauge_counts_each_phase_by_name_with_unplaced_volumes_apart()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        var metrics = new OperatorMetrics(factory, new OperatorReadiness());
        using var collector = new MetricCollector<int>(factory, OperatorMetrics.MeterName, "haystack.operator.volumes");
        var volumes = new[] { VolumePhase.Writable, VolumePhase.Writable, VolumePhase.Compacting, VolumePhase.Rebuilding, VolumePhase.ReadOnly }
            .Select((phase, i) => WithPhase(FleetPods.Placed((uint)i + 1, 0, 1, 2), phase))
            .Append(WithPhase(FleetPods.Placed(9, 0, 1, 2), null))
            .ToList();

        metrics.ObservedVolumes(new ClusterKey("haystack", "photos"), volumes);
        collector.RecordObservableInstruments();

        var byPhase = collector.GetMeasurementSnapshot().ToDictionary(m => (string)m.Tags["phase"]!, m => m.Value);
        Assert.Equal(new Dictionary<string, int>
        {
            ["writable"] = 2, ["read_only"] = 1, ["degraded"] = 0, ["rebuilding"] = 1, ["compacting"] = 1, ["lost"] = 0, ["unplaced"] = 1,
        }, byPhase);
    }

    [Fact]
    public void A_phase_tag_is_the_phase_name_in_snake_case() =>
        Assert.Equal(["writable", "read_only", "compacting"], new[] { VolumePhase.Writable, VolumePhase.ReadOnly, VolumePhase.Compacting }.Select(OperatorMetrics.PhaseTag));

    private static V1Alpha1HaystackVolume WithPhase(V1Alpha1HaystackVolume volume, VolumePhase? phase)
    {
        volume.Status!.Phase = phase;
        return volume;
    }
}
