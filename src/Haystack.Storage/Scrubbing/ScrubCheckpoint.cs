using System.Text.Json;
using Haystack.Storage.Native;

namespace Haystack.Storage;

/// <summary>
/// Where the scrub of one volume stands, kept in <c>&lt;id&gt;.scrub</c> next to its data file so that a pass resumes
/// after a restart: the offset reached in the data file of <see cref="CompactionRevision"/> (a compaction moves every
/// needle, so a checkpoint of another revision starts a new pass), the pass history and the findings not yet repaired.
/// Written to a temporary file, flushed and renamed over the old one, then the directory is flushed: a crash leaves the
/// old checkpoint or the new one, never a mix.
/// </summary>
public sealed record ScrubCheckpoint
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    // One lock for every volume's checkpoint: saves are rare (one per scrub step or repair) and small.
    private static readonly Lock Replacing = new();

    public uint CompactionRevision { get; init; }

    /// <summary>The next byte of the data file to scrub; the pass is complete when it reaches the end.</summary>
    public long Offset { get; init; }

    /// <summary>When the pass in progress began; null before the first.</summary>
    public DateTimeOffset? PassStarted { get; init; }

    /// <summary>When the last whole pass ended; null until one did.</summary>
    public DateTimeOffset? LastPassCompleted { get; init; }

    /// <summary>Whole passes completed.</summary>
    public long Passes { get; init; }

    /// <summary>Needles of this volume repaired from a healthy replica so far.</summary>
    public long Repairs { get; init; }

    /// <summary>Live needles found damaged or missing and not repaired yet.</summary>
    public IReadOnlyList<ScrubFinding> Findings { get; init; } = [];

    /// <summary>The saved checkpoint, or null when there is none or it cannot be read (the scrub then starts over).</summary>
    public static ScrubCheckpoint? Load(VolumePaths paths)
    {
        try
        {
            return JsonSerializer.Deserialize<ScrubCheckpoint>(File.ReadAllBytes(paths.ScrubCheckpoint), Json);
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Saves the checkpoint unless <paramref name="stillCurrent"/> says the volume it describes is gone (closed for a
    /// rebuild, an import or a delete); returns whether it saved. Saves and <see cref="Discard"/> run one at a time, so
    /// a save that began before a discard is discarded with it, and one that comes after sees the volume gone.
    /// </summary>
    public bool Save(VolumePaths paths, Func<bool>? stillCurrent = null)
    {
        lock (Replacing)
        {
            if (stillCurrent?.Invoke() == false)
            {
                return false;
            }
            var temporary = paths.ScrubCheckpoint + ".tmp";
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(file, this, Json);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, paths.ScrubCheckpoint, overwrite: true);
        }
        LinuxFile.FlushDirectory(paths.Directory);
        return true;
    }

    /// <summary>
    /// Removes the checkpoint of a volume whose data file is replaced or deleted: it names the old bytes. Call it after
    /// the old volume is closed, so a save racing it either lands first and is removed or sees the volume closed.
    /// </summary>
    public static void Discard(VolumePaths paths)
    {
        lock (Replacing)
        {
            File.Delete(paths.ScrubCheckpoint);
            File.Delete(paths.ScrubCheckpoint + ".tmp");
        }
        LinuxFile.FlushDirectory(paths.Directory);
    }
}
