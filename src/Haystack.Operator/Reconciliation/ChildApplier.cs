using System.Text.Json.Nodes;
using Haystack.Kubernetes;
using Haystack.Kubernetes.Models;

namespace Haystack.Operator.Reconciliation;

/// <summary>
/// Applies children with server-side apply under one field manager, skipping the write when the live
/// object already carries the input hash of what would be applied.
/// </summary>
public sealed class ChildApplier(IKubernetes client)
{
    public async Task<ApplyOutcome> ApplyAsync(DesiredObject desired, CancellationToken ct)
    {
        var hash = InputHash.Stamp(desired.Object);
        var live = await client.GetOrDefaultAsync<JsonObject>(desired.Kind, desired.Name, desired.Namespace, ct);
        if (live is not null)
        {
            EnsureNotOwnedByAnother(desired, live);
            if (InputHash.Read(live) == hash)
            {
                return ApplyOutcome.Unchanged;
            }
        }
        // force: the operator is the only writer of these fields; a human's kubectl edit is reverted.
        await client.PatchAsync<JsonObject>(
            desired.Kind, new V1Patch(desired.Object, V1Patch.PatchType.ApplyPatch), desired.Name, desired.Namespace,
            OperatorIdentity.FieldManager, force: true, ct);
        return live is null ? ApplyOutcome.Created : ApplyOutcome.Updated;
    }

    private static void EnsureNotOwnedByAnother(DesiredObject desired, JsonObject live)
    {
        var ours = desired.Object.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true);
        var controller = live["metadata"]?["ownerReferences"]?.AsArray()
            .FirstOrDefault(o => o?["controller"]?.GetValue<bool>() == true);
        if (ours is not null && controller is not null && controller["uid"]?.GetValue<string>() != ours.Uid)
        {
            throw new ChildOwnershipException(desired, $"{controller["kind"]} {controller["name"]}");
        }
    }
}
