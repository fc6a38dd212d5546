namespace Haystack.Directory.Volumes;

/// <summary>
/// Durable reservations of photo keys: a block is recorded as taken before any of its keys is handed out, so no two
/// directories (and no restart) ever hand out one key twice.
/// </summary>
public interface IKeyReservations
{
    string Description { get; }

    /// <summary>Reserves the next <paramref name="count"/> keys, above every key reserved before, and returns once that is durable.</summary>
    Task<KeyBlock> ReserveAsync(ulong count, CancellationToken cancellationToken);
}
