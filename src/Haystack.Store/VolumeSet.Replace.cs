using Haystack.Storage;
using Haystack.Storage.Inspection;
using Microsoft.Extensions.Logging;

namespace Haystack.Store;

public sealed partial class VolumeSet
{
    /// <summary>
    /// Rebuilds a damaged replica whole: receives a peer's data file (its GET /volumes/{id}/stream) next to the old one,
    /// which serves meanwhile; then closes the old volume, puts the received file in its place, drops the old index and
    /// scrub checkpoint (both named the old bytes) and opens it, rebuilding the index from the data. Reads of the volume
    /// in that moment are answered 404, and clients read another replica. A cut transfer changes nothing.
    /// </summary>
    private static void CheckSuperblock(string received, VolumeId expected)
    {
        try
        {
            using var inspector = VolumeFileInspector.Open(received);
            if (inspector.Superblock.VolumeId == expected)
            {
                return;
            }
            throw new StoreException(StoreFailure.InvalidArgument,
                $"Volume {expected}: the received bytes are volume {inspector.Superblock.VolumeId}; nothing was replaced.");
        }
        catch (VolumeFormatException e)
        {
            File.Delete(received);
            throw new StoreException(StoreFailure.InvalidArgument, $"Volume {expected}: the received bytes are not a volume ({e.Message}); nothing was replaced.", e);
        }
        catch (StoreException)
        {
            File.Delete(received);
            throw;
        }
    }

    public async Task<Volume> ReplaceAsync(uint volumeId, Stream data, long length, CancellationToken cancellationToken)
    {
        var old = Get(volumeId);
        var paths = old.Paths;
        var received = paths.Data + ".replacing";
        await ReceiveAsync(received, data, length, volumeId, cancellationToken);
        CheckSuperblock(received, old.Id);
        await _createGate.WaitAsync(CancellationToken.None);
        try
        {
            _volumes.TryRemove(volumeId, out _);
            await old.DisposeAsync();
            File.Move(received, paths.Data, overwrite: true);
            File.Delete(paths.Index);
            ScrubCheckpoint.Discard(paths);
            var volume = await Task.Run(() => _openVolume(_options.DataDirectory, old.Id, _options.Volume), CancellationToken.None);
            _volumes[volumeId] = volume;
            _logger.LogWarning("Volume {VolumeId} was rebuilt whole from a peer's copy ({Bytes} bytes, {Needles} needles)",
                volumeId, length, volume.Stats.NeedleCount);
            return volume;
        }
        catch (StorageException e)
        {
            _failedVolumes[volumeId] = e.Message;
            throw new StoreException(StoreFailure.Unavailable,
                $"Volume {volumeId}: the received copy could not be opened ({e.Message}); rebuild it again from a healthy replica.", e);
        }
        finally
        {
            File.Delete(received);
            _createGate.Release();
        }
    }
}
