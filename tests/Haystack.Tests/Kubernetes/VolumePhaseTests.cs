using Haystack.Commands.Compaction;
using Haystack.Kubernetes.Fake;
using Haystack.Api;
using Haystack.Operator.Api;
using Haystack.Operator.Entities;
using Haystack.Testing;
using k8s;
using k8s.Models;

namespace Haystack.Tests.Kubernetes;

/// <summary><c>haystack compact --kubernetes</c>'s Volume phase writes, through KubernetesClient against the fake API server.</summary>
public sealed class VolumePhaseTests : IAsyncLifetime
{
    private const string Ns = "haystack";
    private FakeApiServer _fake = null!;
    private IKubernetes _client = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeApiServer.StartAsync();
        _fake.RegisterCustomResource(HaystackApi.Group, HaystackApi.Version, "volumes", HaystackApi.VolumeKind, namespaced: true, hasStatus: true);
        _client = _fake.CreateClient();
        await CreateVolumeAsync("photos-volume-3", "photos", 3, VolumePhase.ReadOnly);
        await CreateVolumeAsync("thumbs-volume-3", "thumbs", 3, VolumePhase.Writable);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task The_volume_of_the_cluster_shows_compacting_meanwhile_and_its_previous_phase_after_while_another_clusters_volume_is_untouched()
    {
        var phases = new KubernetesVolumePhases(_client, Ns, "photos", TextWriter.Null);

        var marked = await phases.MarkCompactingAsync(3, CancellationToken.None);
        Assert.Equal(VolumePhase.Compacting, await PhaseAsync("photos-volume-3"));
        Assert.Equal(VolumePhase.Writable, await PhaseAsync("thumbs-volume-3"));

        await marked.DisposeAsync();
        Assert.Equal(VolumePhase.ReadOnly, await PhaseAsync("photos-volume-3"));
    }

    [Fact]
    public async Task A_status_write_that_loses_a_race_is_retried_on_the_fresh_object_and_keeps_the_other_writers_change()
    {
        // The directory reports the volume's bytes between the verb's read and its write: the write gets 409 Conflict.
        var interleaving = new InterleavingHandler(async () =>
        {
            var volume = await _client.ReadAsync<V1Alpha1HaystackVolume>(HaystackResourceKinds.Volumes, "photos-volume-3", Ns);
            volume.Status!.Bytes = 999;
            await _client.ReplaceStatusAsync(HaystackResourceKinds.Volumes, volume, "photos-volume-3", Ns);
        });
        using var racing = new k8s.Kubernetes(_fake.ClientConfiguration, interleaving);
        var phases = new KubernetesVolumePhases(racing, Ns, "photos", TextWriter.Null);

        await using (await phases.MarkCompactingAsync(3, CancellationToken.None))
        {
            var stored = await _client.ReadAsync<V1Alpha1HaystackVolume>(HaystackResourceKinds.Volumes, "photos-volume-3", Ns);
            Assert.Equal((VolumePhase.Compacting, 999L), (stored.Status!.Phase!.Value, stored.Status.Bytes));
            Assert.Equal(2, interleaving.StatusWrites);
        }
        Assert.Equal(VolumePhase.ReadOnly, await PhaseAsync("photos-volume-3"));
    }

    [Fact]
    public async Task A_volume_without_a_resource_is_reported_and_compacted_without_a_phase()
    {
        var log = new StringWriter();
        var phases = new KubernetesVolumePhases(_client, Ns, "photos", log);
        var writes = _fake.TotalWrites;

        await using (await phases.MarkCompactingAsync(7, CancellationToken.None))
        {
            Assert.Contains("no Volume resource of cluster photos in namespace haystack has id 7", log.ToString());
        }
        Assert.Equal(writes, _fake.TotalWrites);
    }

    private async Task CreateVolumeAsync(string name, string cluster, long id, VolumePhase phase)
    {
        var created = await _client.CreateAsync(HaystackResourceKinds.Volumes, new V1Alpha1HaystackVolume
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Ns },
            Spec = new HaystackVolumeSpec { ClusterName = cluster, Id = id },
        }, Ns);
        created.Status = new HaystackVolumeStatus { Phase = phase };
        await _client.ReplaceStatusAsync(HaystackResourceKinds.Volumes, created, name, Ns);
    }

    private async Task<VolumePhase?> PhaseAsync(string name) =>
        (await _client.ReadAsync<V1Alpha1HaystackVolume>(HaystackResourceKinds.Volumes, name, Ns)).Status?.Phase;
}
