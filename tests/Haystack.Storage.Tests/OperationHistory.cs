namespace Haystack.Storage.Tests;

/// <summary>What the crash writer announced and confirmed, accumulated over every kill cycle.</summary>
public sealed class OperationHistory
{
    private readonly Dictionary<NeedleId, (uint Cookie, string Hash)> _writesStarted = [];
    private readonly HashSet<NeedleId> _writesAcknowledged = [];
    private readonly HashSet<NeedleId> _readBeforeAcknowledgement = [];
    private readonly HashSet<NeedleId> _deletesStarted = [];
    private readonly HashSet<NeedleId> _deletesAcknowledged = [];

    public int WritesAcknowledged => _writesAcknowledged.Count;

    public int DeletesAcknowledged => _deletesAcknowledged.Count;

    public int ReadsBeforeAcknowledgement => _readBeforeAcknowledgement.Count;

    public int Compactions { get; private set; }

    public void Add(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            var parts = line.Split(' ');
            switch (parts[0])
            {
                case "w":
                    _writesStarted[Id(parts)] = (uint.Parse(parts[3]), parts[4]);
                    break;
                case "W":
                    Assert.Equal(_writesStarted[Id(parts)], (uint.Parse(parts[3]), parts[4]));
                    _writesAcknowledged.Add(Id(parts));
                    break;
                case "r":
                    Assert.Equal(_writesStarted[Id(parts)], (uint.Parse(parts[3]), parts[4]));
                    _readBeforeAcknowledgement.Add(Id(parts));
                    break;
                case "x":
                    _deletesStarted.Add(Id(parts));
                    break;
                case "X":
                    _deletesAcknowledged.Add(Id(parts));
                    break;
                case "C":
                    Compactions++;
                    break;
            }
        }
    }

    /// <summary>
    /// Every acknowledged write not deleted is readable and intact; every acknowledged delete stuck;
    /// every needle the volume serves is one that was written, byte for byte; every needle a reader was
    /// served before its writer's acknowledgement is still there.
    /// </summary>
    public async Task VerifyAsync(Volume volume)
    {
        foreach (var id in _readBeforeAcknowledgement.Where(id => !_deletesStarted.Contains(id)))
        {
            var (cookie, hash) = _writesStarted[id];
            using var needle = await volume.ReadAsync(id, cookie);
            Assert.True(needle is not null, $"needle {id} was served to a reader before its acknowledgement, then lost in the crash");
            Assert.Equal(hash, TestData.Hash(needle.Data.Span));
        }
        foreach (var id in _writesAcknowledged)
        {
            var (cookie, hash) = _writesStarted[id];
            var needle = await volume.ReadAsync(id, cookie);
            if (_deletesAcknowledged.Contains(id))
            {
                Assert.True(needle is null, $"needle {id} was deleted (acknowledged) but is still served");
            }
            else if (needle is null)
            {
                Assert.True(_deletesStarted.Contains(id), $"needle {id} was acknowledged but is lost");
            }
            else
            {
                Assert.Equal(hash, TestData.Hash(needle.Data.Span));
            }
        }
        foreach (var info in volume.EnumerateNeedles().Where(n => n.IsLive))
        {
            Assert.True(_writesStarted.TryGetValue(info.Id, out var written), $"needle {info.Id} is served but was never written");
            var needle = await volume.ReadAsync(info.Id, written.Cookie);
            Assert.True(needle is not null, $"needle {info.Id} is live on disk but does not read back");
            Assert.Equal(written.Hash, TestData.Hash(needle.Data.Span));
        }
    }

    private static NeedleId Id(string[] parts) => new(ulong.Parse(parts[1]), uint.Parse(parts[2]));
}
