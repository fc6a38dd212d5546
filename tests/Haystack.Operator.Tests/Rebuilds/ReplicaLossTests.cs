using Haystack.Operator.Entities;
using Haystack.Operator.Rebuilds;
using Haystack.Operator.Volumes;
using static Haystack.Operator.Tests.Rebuilds.FleetPods;

namespace Haystack.Operator.Tests.Rebuilds;

public sealed class ReplicaLossTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(5);
    private static readonly NodeHealth ReadyNode = new("node-1", true, true, null);

    private static VolumePlacement Placement(string? claimUid = "claim-uid-1", DateTime? unavailableSince = null) =>
        new() { Pod = "photos-store-1", Node = "node-1", State = ReplicaState.Healthy, ClaimUid = claimUid, UnavailableSince = unavailableSince };

    [Fact]
    public void A_store_that_serves_the_volume_keeps_the_replica_healthy()
    {
        var verdict = ReplicaLoss.Judge(Placement(), 7, Pod(1, volumes: Volume(7)), ReadyNode, Now, Grace);

        Assert.Equal(ReplicaCondition.Healthy, verdict.Condition);
    }

    [Fact]
    public void A_store_that_answers_without_the_volume_has_lost_it()
    {
        var verdict = ReplicaLoss.Judge(Placement(), 7, Pod(1, volumes: Volume(8)), ReadyNode, Now, Grace);

        Assert.True(verdict.IsLost);
        Assert.Equal("photos-store-1: the store reports volume 7 missing", verdict.Reason);
    }

    [Fact]
    public void A_volume_the_store_failed_to_open_is_lost_as_corrupt()
    {
        var verdict = ReplicaLoss.Judge(Placement(), 7, Pod(1, volumes: Failed(7)), ReadyNode, Now, Grace);

        Assert.True(verdict.IsLost);
        Assert.Contains("corrupt", verdict.Reason);
    }

    [Fact]
    public void A_claim_with_another_uid_than_at_placement_is_a_new_disk_and_the_replica_is_lost()
    {
        var verdict = ReplicaLoss.Judge(Placement(claimUid: "old-uid"), 7, Pod(1, volumes: Volume(7)), ReadyNode, Now, Grace);

        Assert.True(verdict.IsLost);
        Assert.Contains("replaced (uid old-uid is now claim-uid-1)", verdict.Reason);
    }

    [Fact]
    public void A_claim_that_is_gone_loses_the_replica_even_while_the_pod_is_pending()
    {
        var pending = Pod(1, ready: false) with { ClaimUid = null };

        var verdict = ReplicaLoss.Judge(Placement(), 7, pending, ReadyNode, Now, Grace);

        Assert.True(verdict.IsLost);
        Assert.Contains("claim data-photos-store-1 is gone", verdict.Reason);
    }

    [Fact]
    public void A_pod_restarting_on_a_ready_node_is_only_unavailable_however_long_it_takes()
    {
        var restarting = ReplicaLoss.Judge(Placement(unavailableSince: Now.AddHours(-3)), 7, Pod(1, ready: false), ReadyNode, Now, Grace);
        var recreated = ReplicaLoss.Judge(Placement(), 7, null, ReadyNode, Now, Grace);

        Assert.Equal(ReplicaCondition.Unavailable, restarting.Condition);
        Assert.Equal(ReplicaCondition.Unavailable, recreated.Condition);
        Assert.Null(restarting.UnavailableSince);
    }

    [Fact]
    public void A_store_that_runs_on_a_ready_node_but_does_not_answer_starts_the_grace_period_and_is_lost_once_it_has_passed()
    {
        var hung = Pod(1, error: "GET /stats timed out after 5 s");

        var first = ReplicaLoss.Judge(Placement(), 7, hung, ReadyNode, Now, Grace);
        var within = ReplicaLoss.Judge(Placement(unavailableSince: first.UnavailableSince), 7, hung, ReadyNode, Now + Grace - TimeSpan.FromSeconds(1), Grace);
        var past = ReplicaLoss.Judge(Placement(unavailableSince: first.UnavailableSince), 7, hung, ReadyNode, Now + Grace, Grace);

        Assert.Equal(ReplicaCondition.Unavailable, first.Condition);
        Assert.Equal(Now, first.UnavailableSince);
        Assert.Equal(ReplicaCondition.Unavailable, within.Condition);
        Assert.True(past.IsLost);
        Assert.Equal(Now, past.UnavailableSince);
        Assert.Contains("its store has not answered (GET /stats timed out after 5 s) on Ready node node-1", past.Reason);
    }

    [Fact]
    public void A_running_store_whose_pod_turned_not_ready_counts_as_not_answering()
    {
        var unready = Pod(1, ready: false) with { Running = true };

        var verdict = ReplicaLoss.Judge(Placement(unavailableSince: Now - Grace), 7, unready, ReadyNode, Now, Grace);

        Assert.True(verdict.IsLost);
        Assert.Contains("the pod is not ready", verdict.Reason);
    }

    [Fact]
    public void A_deleted_node_starts_the_grace_period_now_and_loses_the_replica_once_it_has_passed()
    {
        var first = ReplicaLoss.Judge(Placement(), 7, null, NodeHealth.Gone("node-1"), Now, Grace);
        var later = ReplicaLoss.Judge(Placement(unavailableSince: first.UnavailableSince), 7, null, NodeHealth.Gone("node-1"), Now + Grace, Grace);

        Assert.Equal(ReplicaCondition.Unavailable, first.Condition);
        Assert.Equal(Now, first.UnavailableSince);
        Assert.True(later.IsLost);
        Assert.Contains("node node-1 is gone", later.Reason);
    }

    [Fact]
    public void A_node_not_ready_for_longer_than_the_grace_period_loses_the_replica_from_its_transition_time()
    {
        var notReady = new NodeHealth("node-1", true, false, Now.AddMinutes(-6));

        var verdict = ReplicaLoss.Judge(Placement(), 7, Pod(1, ready: false), notReady, Now, Grace);

        Assert.True(verdict.IsLost);
        Assert.Equal(Now.AddMinutes(-6), verdict.UnavailableSince);
    }

    [Fact]
    public void A_node_not_ready_within_the_grace_period_is_unavailable()
    {
        var notReady = new NodeHealth("node-1", true, false, Now.AddMinutes(-2));

        var verdict = ReplicaLoss.Judge(Placement(), 7, Pod(1, ready: false), notReady, Now, Grace);

        Assert.Equal(ReplicaCondition.Unavailable, verdict.Condition);
    }
}
