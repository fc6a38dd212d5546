using Haystack.Directory.Stores;
using Haystack.Directory.Volumes;
using Haystack.Protocol;

namespace Haystack.Directory.Tests.Volumes;

public sealed class VolumeReconcilerTests
{
    private static readonly Uri A = new("http://127.0.0.1:7101");
    private static readonly Uri B = new("http://127.0.0.1:7102");
    private const long Limit = 1000;

    [Fact]
    public void Figures_are_the_largest_size_and_count_and_the_smallest_limit()
    {
        var result = Reconcile(Volume(VolumeState.Writable), Up(A, Status(size: 300, needles: 3, limit: 900)), Up(B, Status(size: 310, needles: 4, limit: 2000)));

        Assert.Equal((VolumeState.Writable, 310L, 4L, 900L), (result.State, result.SizeBytes, result.NeedleCount, result.SizeLimitBytes));
    }

    [Fact]
    public void A_replica_on_a_down_store_or_missing_from_its_store_degrades_the_volume()
    {
        var down = Reconcile(Volume(VolumeState.Writable), Up(A, Status()), new StoreProbe(B, DateTimeOffset.UtcNow, null, "connection refused"));
        var missing = Reconcile(Volume(VolumeState.ReadOnly), Up(A, Status()), new StoreProbe(B, DateTimeOffset.UtcNow, [], null));

        Assert.Equal(VolumeState.Degraded, down.State);
        Assert.Contains("connection refused", down.Reason);
        Assert.Equal(VolumeState.Degraded, missing.State);
        Assert.Contains("does not hold volume 7", missing.Reason);
    }

    [Fact]
    public void A_degraded_volume_heals_when_every_replica_answers_but_not_when_it_needs_a_repair()
    {
        var healed = Reconcile(Volume(VolumeState.Degraded) with { Reason = "x" }, Up(A, Status()), Up(B, Status()));
        var repair = Reconcile(Volume(VolumeState.Degraded) with { NeedsRepair = true, Reason = "corrupt" }, Up(A, Status()), Up(B, Status()));

        Assert.Equal((VolumeState.Writable, (string?)null), (healed.State, healed.Reason));
        Assert.Equal((VolumeState.Degraded, "corrupt"), (repair.State, repair.Reason));
    }

    [Fact]
    public void A_read_only_replica_or_the_threshold_makes_the_volume_read_only_and_it_stays_so()
    {
        var marked = Reconcile(Volume(VolumeState.Writable), Up(A, Status(readOnly: true)), Up(B, Status()));
        var full = Reconcile(Volume(VolumeState.Writable), Up(A, Status(size: 900)), Up(B, Status(size: 900)));
        var belowThreshold = Reconcile(Volume(VolumeState.Writable), Up(A, Status(size: 899)), Up(B, Status(size: 899)));
        var stays = Reconcile(Volume(VolumeState.ReadOnly) with { Reason = "admin" }, Up(A, Status(size: 10)), Up(B, Status(size: 10)));
        var healsIntoReadOnly = Reconcile(Volume(VolumeState.Degraded), Up(A, Status(readOnly: true)), Up(B, Status(readOnly: true)));

        Assert.Equal(VolumeState.ReadOnly, marked.State);
        Assert.Contains(A.Authority, marked.Reason);
        Assert.Equal(VolumeState.ReadOnly, full.State);
        Assert.Equal(VolumeState.Writable, belowThreshold.State);
        Assert.Equal((VolumeState.ReadOnly, "admin"), (stays.State, stays.Reason));
        Assert.Equal(VolumeState.ReadOnly, healsIntoReadOnly.State);
    }

    private static LogicalVolume Reconcile(LogicalVolume volume, params StoreProbe[] probes) =>
        VolumeReconciler.Reconcile(volume, store => probes.FirstOrDefault(p => p.Store == store), Limit, readOnlyThreshold: 0.9);

    private static LogicalVolume Volume(VolumeState state) => new() { Id = 7, State = state, Replicas = [A, B], SizeLimitBytes = Limit };

    private static StoreProbe Up(Uri store, VolumeStatus status) => new(store, DateTimeOffset.UtcNow, [status], null);

    private static VolumeStatus Status(long size = 100, long needles = 1, long limit = Limit, bool readOnly = false) =>
        new(7, size, limit, limit - size, needles, size, 0, 0, 0, readOnly, 0, 2);
}
