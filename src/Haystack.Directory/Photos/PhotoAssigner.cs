using Haystack.Directory.Volumes;
using Haystack.Protocol;

namespace Haystack.Directory.Photos;

/// <summary>
/// SeaweedFS-style assignment: a new key and cookie on the volume the upload rule picks. The client then PUTs
/// the needle to every replica itself; the assignment counts as load on that volume.
/// </summary>
public sealed class PhotoAssigner(KeySequence keys, VolumeLoad load, WritableVolumeChooser chooser, PhotoUrls urls, DirectoryStats stats)
{
    public async Task<Assignment> AssignAsync(CancellationToken cancellationToken)
    {
        var volume = await chooser.ChooseAsync(new HashSet<uint>(), cancellationToken)
            ?? throw new DirectoryException(DirectoryFailure.Unavailable, chooser.DescribeNoWritableVolume());
        var id = new PhotoId(volume.Id, await keys.NextKeyAsync(cancellationToken), 0, PhotoCookies.NewCookie());
        load.Begin(volume.Id).Dispose();
        stats.RecordAssign();
        return new Assignment(id, urls.UrlOf(id, volume.Replicas), volume.Replicas);
    }
}
