using System.Globalization;

namespace Haystack.Commands.Dev;

/// <summary>
/// What <c>haystack dev</c> runs and where: data folders under one root (<c>directory/volumes.json</c>,
/// <c>store-N/</c>), ports on 127.0.0.1, and the arguments of each child server.
/// </summary>
internal sealed record DevLayout(
    string DataRoot,
    int Stores,
    int Replication,
    int DirectoryPort,
    int CachePort,
    int FirstStorePort,
    long? VolumeSizeLimitBytes)
{
    /// <summary>
    /// The key file every child is started with (<c>--key-file</c>); null when the children take the key from the
    /// environment they inherit (<see cref="DevKey"/>).
    /// </summary>
    public string? KeyFile { get; init; }

    /// <summary>Store gRPC ports sit 100 above their HTTP ports (the store's default, HTTP + 1, would collide with the next store).</summary>
    public const int StoreGrpcOffset = 100;

    public Uri DirectoryUrl => Local(DirectoryPort);

    public Uri CacheUrl => Local(CachePort);

    public int DirectoryGrpcPort => DirectoryPort + 1;

    public string StateFile => Path.Combine(DataRoot, "directory", "volumes.json");

    public IReadOnlyList<ChildSpec> StoreSpecs => [.. Enumerable.Range(1, Stores).Select(StoreSpec)];

    /// <summary>The arguments every child gets after its own: the key file, when there is one.</summary>
    private IEnumerable<string> KeyArguments => KeyFile is null ? [] : ["--key-file", KeyFile];

    public ChildSpec DirectorySpec
    {
        get
        {
            List<string> arguments =
            [
                "directory", "--state", StateFile, "--port", Text(DirectoryPort), "--grpc-port", Text(DirectoryGrpcPort),
                "--replication", Text(Replication),
            ];
            foreach (var store in StoreSpecs)
            {
                arguments.AddRange(["--store", Authority(store.Url)]);
            }
            arguments.AddRange(["--cache", Authority(CacheUrl)]);
            if (VolumeSizeLimitBytes is { } limit)
            {
                arguments.AddRange(["--volume-size-limit", Text(limit)]);
            }
            arguments.AddRange(KeyArguments);
            return new ChildSpec("directory", arguments, DirectoryUrl);
        }
    }

    public ChildSpec CacheSpec => new("cache",
        ["cache", "--port", Text(CachePort), "--directory", Authority(DirectoryUrl), "--node", Authority(CacheUrl), .. KeyArguments],
        CacheUrl);

    /// <summary>Every port the children listen on, for the up-front "is it free" check.</summary>
    public IEnumerable<int> Ports =>
        new[] { DirectoryPort, DirectoryGrpcPort, CachePort }
            .Concat(Enumerable.Range(0, Stores).SelectMany(i => new[] { FirstStorePort + i, FirstStorePort + i + StoreGrpcOffset }));

    public static string StoreFolder(string dataRoot, int number) => Path.Combine(dataRoot, $"store-{number}");

    private ChildSpec StoreSpec(int number)
    {
        var port = FirstStorePort + number - 1;
        return new ChildSpec($"store-{number}",
            ["store", "--data", StoreFolder(DataRoot, number), "--port", Text(port), "--grpc-port", Text(port + StoreGrpcOffset), .. KeyArguments],
            Local(port));
    }

    private static Uri Local(int port) => new($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");

    private static string Authority(Uri url) => url.GetLeftPart(UriPartial.Authority);

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
