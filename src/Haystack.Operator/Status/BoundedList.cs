namespace Haystack.Operator.Status;

/// <summary>
/// Joins the first few items of a list and counts the rest, so a condition stays readable in
/// <c>kubectl describe</c> on a cluster of hundreds of pods or volumes.
/// </summary>
public static class BoundedList
{
    public const int DefaultLimit = 5;

    /// <summary>"a, b, c and 4 more"; empty for no items.</summary>
    public static string Join(IReadOnlyCollection<string> items, int limit = DefaultLimit)
    {
        var shown = string.Join(", ", items.Take(limit));
        return items.Count > limit ? $"{shown} and {items.Count - limit} more" : shown;
    }
}
