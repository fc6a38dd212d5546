using Haystack.Storage.Format;
using Haystack.Storage.Memory;
using Haystack.Storage.Native;
using Microsoft.Win32.SafeHandles;

namespace Haystack.Storage;

/// <summary>How a volume behaves. The defaults suit a photo store on XFS.</summary>
public sealed record VolumeOptions
{
    /// <summary>The hard ceiling: offsets are 32-bit counts of 8-byte units.</summary>
    public const long MaxSizeLimitBytes = (long)uint.MaxValue * NeedleLayout.Alignment;

    /// <summary>A write that would grow the data file beyond this many bytes is refused (VolumeFullException).</summary>
    public long SizeLimitBytes { get; init; } = 30L * 1024 * 1024 * 1024;

    /// <summary>Largest accepted needle payload; at most <see cref="NeedleLayout.MaxDataLength"/>.</summary>
    public int MaxNeedleDataBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>The data file grows by preallocated extents of this size (fallocate), so XFS keeps few extents.</summary>
    public long PreallocationStepBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>How many copies of this volume exist in the cluster; recorded in the superblock at create.</summary>
    public byte ReplicaCount { get; init; } = 1;

    /// <summary>Recent map changes that start a background fold into the packed map (tests set it low to make folds race).</summary>
    internal int MapFoldThreshold { get; init; } = NeedleMap.DefaultFoldThreshold;

    /// <summary>
    /// The data file's fdatasync. Tests put one in front of it that blocks until they release it, or fails,
    /// to prove that nothing is acknowledged or served before it returns.
    /// </summary>
    internal Action<SafeFileHandle, string> DataSync { get; init; } = LinuxFile.FlushData;

    /// <summary>Throws when a value cannot work, naming the setting and the limit.</summary>
    public void Validate()
    {
        if (SizeLimitBytes <= Superblock.Size)
        {
            throw new ArgumentOutOfRangeException(nameof(SizeLimitBytes), SizeLimitBytes,
                $"The volume size limit must exceed the {Superblock.Size}-byte superblock.");
        }
        if (SizeLimitBytes > MaxSizeLimitBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(SizeLimitBytes), SizeLimitBytes,
                $"A volume holds at most {MaxSizeLimitBytes} bytes (32 GiB: offsets are 32-bit counts of 8-byte units); " +
                "use more volumes instead of larger ones.");
        }
        if (MaxNeedleDataBytes < 1 || MaxNeedleDataBytes > NeedleLayout.MaxDataLength)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxNeedleDataBytes), MaxNeedleDataBytes,
                $"The maximum needle size must be between 1 and {NeedleLayout.MaxDataLength} bytes.");
        }
        if (PreallocationStepBytes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(PreallocationStepBytes), PreallocationStepBytes,
                "The preallocation step cannot be negative (0 turns preallocation off).");
        }
        if (ReplicaCount == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ReplicaCount), ReplicaCount, "A volume has at least one replica.");
        }
    }
}
