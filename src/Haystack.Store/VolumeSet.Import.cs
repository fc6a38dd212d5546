using Haystack.Storage;
using Microsoft.Extensions.Logging;

namespace Haystack.Store;

public sealed partial class VolumeSet
{
    /// <summary>Where received data files wait for their checks, on the same file system as the volumes so the move is a rename.</summary>
    private string StagingRoot => Path.Combine(_options.DataDirectory, "importing");

    /// <summary>
    /// Receives a whole data file streamed from a peer (its GET /volumes/{id}/stream), verifies it
    /// (<see cref="ImportCheck"/>: every needle's checksum, every index record) and only then opens it as a new
    /// volume. The bytes and the index land in a staging directory that is moved into place once both passed, so a
    /// cut transfer, a corrupt needle or bytes that are not this volume leave nothing behind and serve nothing.
    /// The id is reserved meanwhile (a create or a second import of it is refused), without holding up other creates.
    /// </summary>
    /// <param name="refusal">Given the verified copy's statistics, why it must not be kept (the source moved on), or null to keep it.</param>
    public async Task<Volume> ImportAsync(uint volumeId, Stream data, long length, CancellationToken cancellationToken, Func<VolumeStats, string?>? refusal = null)
    {
        var id = new VolumeId(volumeId);
        await ReserveAsync(volumeId, cancellationToken);
        var staging = Path.Combine(StagingRoot, id.ToString());
        try
        {
            Directory.CreateDirectory(staging);
            var stagedPaths = new VolumePaths(staging, id);
            await ReceiveAsync(stagedPaths.Data, data, length, volumeId, cancellationToken);
            VolumeStats stats;
            try
            {
                stats = await Task.Run(() => ImportCheck.VerifyAsync(staging, id), CancellationToken.None);
            }
            catch (StorageException e)
            {
                throw new StoreException(StoreFailure.InvalidArgument,
                    $"Volume {volumeId}: the received bytes are not a volume this store can open ({e.Message}); nothing was imported.", e);
            }
            if (refusal?.Invoke(stats) is { } reason)
            {
                throw new StoreException(StoreFailure.PeerFailed, $"Volume {volumeId}: {reason}; nothing was imported.");
            }
            var paths = new VolumePaths(_options.DataDirectory, id);
            // A checkpoint left by a volume of this id deleted earlier names other bytes.
            ScrubCheckpoint.Discard(paths);
            // The data file last: its presence is what makes a volume exist at the next start-up.
            File.Move(stagedPaths.Index, paths.Index, overwrite: true);
            File.Move(stagedPaths.Data, paths.Data);
            var volume = await Task.Run(() => _openVolume(_options.DataDirectory, id, _options.Volume), CancellationToken.None);
            _volumes[volumeId] = volume;
            _logger.LogInformation("Imported volume {VolumeId} ({Bytes} bytes, {Needles} needles), verified", volumeId, length, volume.Stats.NeedleCount);
            return volume;
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
            _importing.TryRemove(volumeId, out _);
        }
    }

    /// <summary>True when this store holds the volume in any form: open, failed to open, being imported, or its file.</summary>
    public bool Holds(uint volumeId) =>
        _volumes.ContainsKey(volumeId) || _failedVolumes.ContainsKey(volumeId) || _importing.ContainsKey(volumeId)
        || Volume.Exists(_options.DataDirectory, new VolumeId(volumeId));

    private async Task ReserveAsync(uint volumeId, CancellationToken cancellationToken)
    {
        await _createGate.WaitAsync(cancellationToken);
        try
        {
            if (Holds(volumeId))
            {
                throw new StoreException(StoreFailure.VolumeExists, $"Volume {volumeId} already exists on this store; nothing was imported.");
            }
            _importing[volumeId] = true;
        }
        finally
        {
            _createGate.Release();
        }
    }

    /// <summary>A crash during an import leaves its staging directory; nothing in it was ever served.</summary>
    private void DiscardStagedImports()
    {
        if (Directory.Exists(StagingRoot))
        {
            Directory.Delete(StagingRoot, recursive: true);
        }
    }

    private static async Task ReceiveAsync(string dataPath, Stream data, long length, uint volumeId, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(dataPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        await data.CopyToAsync(file, 1 << 20, cancellationToken);
        if (file.Length != length)
        {
            throw new StoreException(StoreFailure.InvalidArgument,
                $"Volume {volumeId}: received {file.Length} of the {length} bytes announced; nothing was imported.");
        }
        file.Flush(flushToDisk: true);
    }
}
