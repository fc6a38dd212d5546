namespace Haystack.Operator.Entities;

/// <summary>What the scheduler does when pods cannot be spread evenly (topologySpreadConstraints.whenUnsatisfiable).</summary>
public enum SpreadPolicy
{
    /// <summary>Keep the pod pending rather than place it next to a sibling.</summary>
    DoNotSchedule,

    /// <summary>Prefer spreading but place the pod anyway.</summary>
    ScheduleAnyway,
}
