using System.Collections.Concurrent;
using Haystack.Operator.Api;
using k8s;
using k8s.Models;

namespace Haystack.Operator.Reconciliation;

/// <summary>
/// Applies children with server-side apply under one field manager. The write is skipped when the live
/// object carries the input hash of what would be applied and nobody changed it since our last apply
/// (same generation, or same resourceVersion for kinds without one): an unchanged cluster costs reads
/// only, while a hand edit of a child is reverted on the next reconcile.
/// </summary>
public sealed class ChildApplier(IKubernetes client)
{
    private readonly ConcurrentDictionary<(string Kind, string Namespace, string Name), string> _lastApplied = new();

    public async Task<ApplyOutcome> ApplyAsync(DesiredObject desired, CancellationToken cancellationToken)
    {
        var hash = InputHash.Stamp(desired.Object);
        var key = (desired.Kind.ToString(), desired.Namespace, desired.Name);
        var live = await desired.Kind.Read(client, desired.Name, desired.Namespace, cancellationToken).OrNullWhenNotFound();
        if (live is not null)
        {
            EnsureNotOwnedByAnother(desired, live.Metadata);
            // Without a memory of our last apply (a fresh operator process), the hash alone decides.
            var untouched = !_lastApplied.TryGetValue(key, out var version) || version == Version(live.Metadata);
            if (InputHash.Read(live.Metadata) == hash && untouched)
            {
                return ApplyOutcome.Unchanged;
            }
        }
        // force: the operator is the only writer of these fields; a human's kubectl edit is reverted.
        var applied = await desired.Kind.Apply(
            client, new V1Patch(desired.Object, V1Patch.PatchType.ApplyPatch), desired.Name, desired.Namespace,
            OperatorIdentity.FieldManager, true, cancellationToken);
        _lastApplied[key] = Version(applied.Metadata);
        return live is null ? ApplyOutcome.Created : ApplyOutcome.Updated;
    }

    /// <summary>What moves when someone else changes the object: its generation, or its resourceVersion for kinds without one.</summary>
    private static string Version(V1ObjectMeta live) =>
        live.Generation is { } generation ? $"generation {generation}" : $"resourceVersion {live.ResourceVersion}";

    private static void EnsureNotOwnedByAnother(DesiredObject desired, V1ObjectMeta live)
    {
        var ours = desired.Object.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true);
        var controller = live.OwnerReferences?.FirstOrDefault(o => o.Controller == true);
        if (ours is not null && controller is not null && controller.Uid != ours.Uid)
        {
            throw new ChildOwnershipException(desired, $"{controller.Kind} {controller.Name}");
        }
    }
}
