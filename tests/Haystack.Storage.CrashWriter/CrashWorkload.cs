namespace Haystack.Storage.CrashWriter;

/// <summary>One concurrent writer: unique keys, random sizes, and in delete modes deletes of its own earlier needles.</summary>
public sealed class CrashWorkload(Volume volume, OperationLog log, CrashMode mode, int writer, int writers, ulong keyBase, int seed)
{
    private const int MaxNeedleBytes = 48 * 1024;

    public async Task RunAsync()
    {
        await Task.Yield();
        var random = new Random(seed * 1000 + writer);
        var written = new List<NeedleId>();
        for (ulong n = 0; ; n++)
        {
            if (mode != CrashMode.Write && written.Count > 0 && random.Next(3) == 0)
            {
                var victim = written[random.Next(written.Count)];
                written.Remove(victim);
                log.DeleteStarting(victim);
                await volume.DeleteAsync(victim);
                log.DeleteAcknowledged(victim);
                continue;
            }
            var id = new NeedleId(keyBase + n * (ulong)writers + (ulong)writer, (uint)(n % 3));
            var data = new byte[random.Next(1, MaxNeedleBytes)];
            random.NextBytes(data);
            var cookie = (uint)random.Next();
            log.WriteStarting(id, cookie, data);
            var write = volume.WriteAsync(id, cookie, data, "application/octet-stream");
            if (mode == CrashMode.Read)
            {
                await ReadBeforeAcknowledgementAsync(id, cookie);
            }
            await write;
            log.WriteAcknowledged(id, cookie, data);
            written.Add(id);
        }
    }

    /// <summary>Reads the needle being written; logs what was served before the "W" line can say it was acknowledged.</summary>
    private async Task ReadBeforeAcknowledgementAsync(NeedleId id, uint cookie)
    {
        using var needle = await volume.ReadAsync(id, cookie);
        if (needle is not null)
        {
            log.ReadBeforeAcknowledgement(id, cookie, needle.Data.Span);
        }
    }
}
