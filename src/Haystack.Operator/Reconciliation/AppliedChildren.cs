namespace Haystack.Operator.Reconciliation;

/// <summary>Applies children in order and records an event for each one actually written.</summary>
public static class AppliedChildren
{
    public static async Task ApplyAsync(ReconcileContext context, IEnumerable<DesiredObject> children, CancellationToken cancellationToken)
    {
        foreach (var child in AuthRollout.Annotate(children, context.AuthDigest))
        {
            var outcome = await context.Applier.ApplyAsync(child, cancellationToken);
            if (outcome == ApplyOutcome.Unchanged)
            {
                continue;
            }
            context.Changes.Add((child, outcome));
            await context.Events.RecordAsync(context.Cluster, EventRecorder.Normal, outcome.ToString(),
                $"{outcome} {child.Kind.Kind} {child.Name}", cancellationToken);
        }
    }
}
