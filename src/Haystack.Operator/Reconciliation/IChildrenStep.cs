using Haystack.Operator.Entities;

namespace Haystack.Operator.Reconciliation;

/// <summary>A step that applies children; <see cref="Desired"/> is also what <c>operator render</c> prints.</summary>
public interface IChildrenStep : IReconcileStep
{
    IEnumerable<DesiredObject> Desired(V1Alpha1HaystackCluster cluster);
}
