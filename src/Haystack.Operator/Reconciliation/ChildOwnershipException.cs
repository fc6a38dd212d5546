namespace Haystack.Operator.Reconciliation;

/// <summary>A child's name is taken by an object another controller owns; the operator will not seize it.</summary>
public sealed class ChildOwnershipException(DesiredObject desired, string owner)
    : Exception($"{desired} already exists and is controlled by {owner}; rename or delete it, then the cluster will reconcile");
