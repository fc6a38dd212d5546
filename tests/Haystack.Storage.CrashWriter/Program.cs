using Haystack.Storage;
using Haystack.Storage.CrashWriter;

// Test support for the SIGKILL crash tests: writes (and optionally deletes and compacts) until killed,
// printing one line per operation to stdout. Lines end in " ." so the reader can tell a line cut by
// the kill from a whole one.
//   usage: Haystack.Storage.CrashWriter <directory> <volume id> <write|delete|compact|read> <writers> <key base> <seed>
if (args.Length != 6 || !Enum.TryParse<CrashMode>(args[2], ignoreCase: true, out var mode))
{
    Console.Error.WriteLine("usage: Haystack.Storage.CrashWriter <directory> <volume id> <write|delete|compact|read> <writers> <key base> <seed>");
    return 2;
}
var directory = args[0];
var volumeId = new VolumeId(uint.Parse(args[1]));
var writers = int.Parse(args[3]);
var keyBase = ulong.Parse(args[4]);
var seed = int.Parse(args[5]);

var options = new VolumeOptions { PreallocationStepBytes = 4 * 1024 * 1024 };
await using var volume = Volume.Exists(directory, volumeId)
    ? Volume.Open(directory, volumeId, options)
    : Volume.Create(directory, volumeId, options);
var log = new OperationLog(Console.Out);
log.Ready();

var tasks = Enumerable.Range(0, writers)
    .Select(writer => new CrashWorkload(volume, log, mode, writer, writers, keyBase, seed).RunAsync())
    .ToList();
if (mode == CrashMode.Compact)
{
    tasks.Add(Task.Run(async () =>
    {
        while (true)
        {
            var result = await volume.CompactAsync();
            log.Compacted(result.CompactionRevision);
            // A short breath between compactions, as a real schedule has, so writers are not starved on slow disks.
            await Task.Delay(20);
        }
    }));
}
await Task.WhenAll(tasks);
return 0;
