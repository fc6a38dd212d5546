using Haystack.Operator.Entities;
using Haystack.Operator.Reconciliation.Steps;

namespace Haystack.Operator.Reconciliation;

/// <summary>The one ordered list of steps of a HaystackCluster reconcile.</summary>
public static class ReconcileSteps
{
    public static IReadOnlyList<IReconcileStep> All { get; } =
    [
        new DataPodAccessStep(),
        new AuthSecretStep(),
        new ConfigMapStep(),
        new StoreScaleStep(),
        new StoreStep(),
        new DirectoryStep(),
        new CacheStep(),
        new CompactionStep(),
        new StoreKeyStep(),
        new StoreTlsStep(),
        new ObserveFleetStep(),
        new RebuildStep(),
        new ReadOnlyVolumesStep(),
        new WritableVolumesStep(),
        new ObserveComponentsStep(),
        new ObserveVolumesStep(),
    ];

    /// <summary>Every child the steps would apply for <paramref name="cluster"/>, in apply order.</summary>
    public static IReadOnlyList<DesiredObject> DesiredChildren(V1Alpha1HaystackCluster cluster) =>
        All.OfType<IChildrenStep>().SelectMany(step => step.Desired(cluster)).ToList();
}
