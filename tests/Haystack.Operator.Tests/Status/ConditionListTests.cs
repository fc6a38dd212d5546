using k8s.Models;
using Haystack.Operator.Status;

namespace Haystack.Operator.Tests.Status;

public sealed class ConditionListTests
{
    private static readonly DateTime Earlier = new(2026, 1, 1, 10, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Later = new(2026, 1, 1, 11, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void New_condition_transitions_now()
    {
        var conditions = ConditionList.With(null, "Ready", true, "ComponentsReady", "all ready", 4, Later);

        var ready = Assert.Single(conditions);
        Assert.Equal(("Ready", "True", "ComponentsReady", "all ready", 4L, Later),
            (ready.Type, ready.Status, ready.Reason, ready.Message, ready.ObservedGeneration!.Value, ready.LastTransitionTime));
    }

    [Fact]
    public void Same_status_keeps_its_transition_time_while_reason_and_generation_move()
    {
        var before = ConditionList.With(null, "Ready", false, "ComponentsNotReady", "store 0/3", 1, Earlier);

        var after = ConditionList.With(before, "Ready", false, "ComponentsNotReady", "store 2/3", 2, Later);

        var ready = Assert.Single(after);
        Assert.Equal(Earlier, ready.LastTransitionTime);
        Assert.Equal(("store 2/3", 2L), (ready.Message, ready.ObservedGeneration!.Value));
    }

    [Fact]
    public void Flipped_status_moves_the_transition_time()
    {
        var before = ConditionList.With(null, "Ready", false, "ComponentsNotReady", "", 1, Earlier);

        var after = ConditionList.With(before, "Ready", true, "ComponentsReady", "", 1, Later);

        Assert.Equal(Later, Assert.Single(after).LastTransitionTime);
    }

    [Fact]
    public void Other_conditions_and_the_input_are_left_alone()
    {
        List<V1Condition> before =
        [
            new() { Type = "Reconciled", Status = "True", Reason = "ReconcileSucceeded", LastTransitionTime = Earlier },
            new() { Type = "Ready", Status = "False", Reason = "ComponentsNotReady", LastTransitionTime = Earlier },
        ];

        var after = ConditionList.With(before, "Ready", true, "ComponentsReady", "", 1, Later);

        Assert.Equal(["Reconciled", "Ready"], after.Select(c => c.Type));
        Assert.Equal("False", before[1].Status);
        Assert.Equal(Earlier, after[0].LastTransitionTime);
    }
}
