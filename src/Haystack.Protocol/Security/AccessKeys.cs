using System.Security.Cryptography;

namespace Haystack.Protocol;

/// <summary>
/// The shared secrets of one Haystack: the write key every mutating and admin call must present, a previous write key
/// still accepted while a rotation rolls out, and an optional read key that closes the reads too. Servers accept them,
/// clients present <see cref="Presented"/>. Never printed: <see cref="ToString"/> says only which keys are set.
/// </summary>
public sealed class AccessKeys
{
    /// <summary>The write key itself (the operator renders it from the cluster's Secret).</summary>
    public const string KeyVariable = "HAYSTACK_KEY";

    /// <summary>The write key before the current one, accepted until the rotation is done.</summary>
    public const string PreviousKeyVariable = "HAYSTACK_PREVIOUS_KEY";

    /// <summary>A read key: once set, photo reads, /stats and /metrics need it (or the write key).</summary>
    public const string ReadKeyVariable = "HAYSTACK_READ_KEY";

    /// <summary>A file holding the write key on its first line and, optionally, the previous one on its second.</summary>
    public const string KeyFileVariable = "HAYSTACK_KEY_FILE";

    /// <summary>The name earlier charts rendered the Secret under; read when <see cref="KeyVariable"/> is not set.</summary>
    public const string LegacyKeyVariable = "HAYSTACK_TOKEN";

    /// <summary>Shorter keys are refused: a key is meant to be generated (<see cref="Generate"/>), not typed.</summary>
    public const int MinimumLength = 16;

    public AccessKeys(string? current, string? previous = null, string? read = null)
    {
        Current = Checked(current, "the write key");
        Previous = Checked(previous, "the previous write key");
        Read = Checked(read, "the read key");
        if (Previous is not null && Current is null)
        {
            throw new ArgumentException("A previous write key is set without a current one; set the current key first.", nameof(previous));
        }
    }

    public static AccessKeys None { get; } = new(null);

    public string? Current { get; }

    public string? Previous { get; }

    public string? Read { get; }

    /// <summary>Whether writes, deletes and admin calls need a key (no key configured: everything is open, as before).</summary>
    public bool GuardsWrites => Current is not null;

    /// <summary>Whether reads need a key too.</summary>
    public bool GuardsReads => Read is not null;

    /// <summary>What a client or a server calling another presents: the write key, which every guarded call accepts.</summary>
    public string? Presented => Current ?? Read;

    /// <summary>A new random key: 32 bytes from the system's CSPRNG, base64url (43 characters).</summary>
    public static string Generate() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>
    /// The keys from <paramref name="keyFile"/> (else <see cref="KeyFileVariable"/>), else from <see cref="KeyVariable"/>
    /// (or <see cref="LegacyKeyVariable"/>) and <see cref="PreviousKeyVariable"/>; the read key from
    /// <paramref name="readKeyFile"/>, else <see cref="ReadKeyVariable"/>. Throws naming the file or variable at fault.
    /// </summary>
    public static AccessKeys Load(string? keyFile, string? readKeyFile = null, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        string? current;
        string? previous;
        var file = keyFile ?? NonEmpty(environment(KeyFileVariable));
        if (file is not null)
        {
            var lines = ReadLines(file);
            current = lines.ElementAtOrDefault(0) ?? throw new ArgumentException($"The key file {file} is empty; put the write key on its first line.");
            previous = lines.ElementAtOrDefault(1);
            if (lines.Count > 2)
            {
                throw new ArgumentException($"The key file {file} has {lines.Count} keys; it holds the write key and at most one previous key.");
            }
        }
        else
        {
            current = NonEmpty(environment(KeyVariable)) ?? NonEmpty(environment(LegacyKeyVariable));
            previous = NonEmpty(environment(PreviousKeyVariable));
        }
        var read = readKeyFile is not null ? ReadLines(readKeyFile).FirstOrDefault() : NonEmpty(environment(ReadKeyVariable));
        return new AccessKeys(current, previous, read);
    }

    /// <summary>Writes a new key file readable by its owner only (0600), for <c>haystack dev</c>; returns the key.</summary>
    public static string CreateKeyFile(string path)
    {
        var key = Generate();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
        writer.WriteLine(key);
        return key;
    }

    public override string ToString() =>
        $"write key {(Current is null ? "not set" : "set")}{(Previous is null ? "" : ", previous key set")}, read key {(Read is null ? "not set" : "set")}";

    private static List<string> ReadLines(string path)
    {
        try
        {
            return [.. File.ReadAllLines(path).Select(line => line.Trim()).Where(line => line.Length > 0)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"The key file {path} cannot be read: {e.Message}", e);
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Checked(string? key, string what)
    {
        if (key is null)
        {
            return null;
        }
        if (key.Length < MinimumLength || key.Any(char.IsWhiteSpace) || key.Any(char.IsControl))
        {
            throw new ArgumentException(
                $"{char.ToUpperInvariant(what[0])}{what[1..]} must be at least {MinimumLength} characters without spaces; generate one with `openssl rand -base64 32`.");
        }
        return key;
    }
}
