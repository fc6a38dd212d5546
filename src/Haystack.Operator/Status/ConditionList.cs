using k8s.Models;

namespace Haystack.Operator.Status;

/// <summary>
/// Sets conditions the way metav1.Condition expects: lastTransitionTime moves only when the status
/// flips, so <c>kubectl describe</c> shows how long a state has held.
/// </summary>
public static class ConditionList
{
    public static List<V1Condition> With(
        IEnumerable<V1Condition>? existing, string type, bool status, string reason, string message, long? generation, DateTime now)
    {
        var conditions = existing?.Select(Copy).ToList() ?? [];
        var statusText = status ? "True" : "False";
        var previous = conditions.FirstOrDefault(c => c.Type == type);
        var updated = new V1Condition
        {
            Type = type,
            Status = statusText,
            Reason = reason,
            Message = message,
            ObservedGeneration = generation,
            LastTransitionTime = previous is not null && previous.Status == statusText ? previous.LastTransitionTime : now,
        };
        if (previous is null)
        {
            conditions.Add(updated);
        }
        else
        {
            conditions[conditions.IndexOf(previous)] = updated;
        }
        return conditions;
    }

    public static V1Condition? Find(IEnumerable<V1Condition>? conditions, string type) =>
        conditions?.FirstOrDefault(c => c.Type == type);

    private static V1Condition Copy(V1Condition c) => new()
    {
        Type = c.Type,
        Status = c.Status,
        Reason = c.Reason,
        Message = c.Message,
        ObservedGeneration = c.ObservedGeneration,
        LastTransitionTime = c.LastTransitionTime,
    };
}
