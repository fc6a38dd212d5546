using Haystack.Directory.Volumes;

namespace Haystack.Directory.Tests.Support;

/// <summary>A volume table source that keeps every saved snapshot, standing in for the Kubernetes-backed one.</summary>
internal sealed class InMemoryTableSource(VolumeTableSnapshot initial) : IVolumeTableSource
{
    private readonly List<VolumeTableSnapshot> saved = [];

    public string Description => "in-memory volume table";

    public IReadOnlyList<VolumeTableSnapshot> Saved
    {
        get
        {
            lock (saved)
            {
                return [.. saved];
            }
        }
    }

    public Task<VolumeTableSnapshot> LoadAsync(CancellationToken cancellationToken) => Task.FromResult(initial);

    public Task SaveAsync(VolumeTableSnapshot snapshot, CancellationToken cancellationToken)
    {
        lock (saved)
        {
            saved.Add(snapshot);
        }
        return Task.CompletedTask;
    }
}
