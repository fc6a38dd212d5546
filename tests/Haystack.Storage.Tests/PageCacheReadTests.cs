using System.Runtime.InteropServices;
using Haystack.Storage.Native;
using Haystack.Testing;
using Microsoft.Win32.SafeHandles;

namespace Haystack.Storage.Tests;

/// <summary>
/// Reads copy page-cached bytes on the caller's thread and fetch only the rest from the disk. Pages are evicted with
/// posix_fadvise(DONTNEED), which drops clean pages of a file on the spot, so both paths run on any Linux disk.
/// </summary>
public sealed partial class PageCacheReadTests : IDisposable
{
    private const int DontNeed = 4;
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_cached_range_is_copied_whole_and_an_evicted_one_not_at_all()
    {
        var path = Path.Combine(_directory.Path, "file");
        var data = TestData.Bytes(64 * 1024, 1);
        File.WriteAllBytes(path, data);
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
        RandomAccess.FlushToDisk(file);
        var buffer = new byte[data.Length];

        var cached = LinuxFile.ReadIfCached(file, buffer, 0);
        // Under other tests' I/O the kernel may keep a page past one fadvise; evicting again settles it. A read that
        // pulled uncached pages in would answer every attempt, so the assertion below still catches it.
        var evicted = -1;
        for (var attempt = 0; attempt < 20 && evicted != 0; attempt++)
        {
            Evict(file, 0, data.Length);
            evicted = LinuxFile.ReadIfCached(file, buffer.AsSpan(0, 4096), 0);
        }

        Assert.Equal(data.Length, cached);
        Assert.Equal(data, buffer);
        Assert.Equal(0, evicted);
    }

    [Fact]
    public async Task Needles_wholly_or_partly_evicted_from_the_page_cache_read_back_from_the_disk()
    {
        var id = new VolumeId(3);
        await using var volume = Volume.Create(_directory.Path, id, TestData.SmallOptions);
        var first = TestData.Bytes(40_000, 2);
        var second = TestData.Bytes(50_000, 3);
        var firstAt = await volume.WriteAsync(new NeedleId(1, 0), 11, first, "image/jpeg");
        var secondAt = await volume.WriteAsync(new NeedleId(2, 0), 22, second);
        using var data = LinuxFile.OpenReadUnlocked(new VolumePaths(_directory.Path, id).Data); // the volume holds a lock

        Evict(data, firstAt.Offset, firstAt.Length); // all of the first needle
        Evict(data, secondAt.Offset + (secondAt.Length / 2), secondAt.Length); // the second half of the second
        using var firstRead = await volume.ReadAsync(new NeedleId(1, 0), 11);
        using var secondRead = await volume.ReadAsync(new NeedleId(2, 0), 22);

        Assert.Equal(first, firstRead!.Data.ToArray());
        Assert.Equal("image/jpeg", firstRead.ContentType);
        Assert.Equal(second, secondRead!.Data.ToArray());
    }

    private static void Evict(SafeFileHandle file, long offset, long length)
    {
        Assert.Equal(0, posix_fadvise((int)file.DangerousGetHandle(), offset, length, DontNeed));
    }

    [LibraryImport("libc")]
    private static partial int posix_fadvise(int fd, long offset, long length, int advice);
}
