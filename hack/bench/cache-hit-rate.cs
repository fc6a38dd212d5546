#!/usr/bin/env -S dotnet run --file
#:project ../../src/Haystack.Cache/Haystack.Cache.csproj
#:property PublishAot=false
// Hit rate of the cache's policies (plain LRU, segmented LRU, W-TinyLFU: PhotoCache with each CachePolicy) on a synthetic
// long-tailed photo trace: popularity follows a Zipf law, sizes a fixed-seed spread from 8 KiB to 256 KiB.
// Reproducible: the seed is fixed, so the same figures come out on every machine.
// Usage: dotnet run -c Release --file hack/bench/cache-hit-rate.cs [photos] [requests] [zipf exponent]
using System.Globalization;
using Haystack.Cache.Memory;
using Haystack.Store;

var photos = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200_000;
var requests = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2_000_000;
var exponent = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 0.8;

var random = new Random(20101004);
var sizes = new int[photos];
for (var i = 0; i < photos; i++)
{
    // Log-uniform between 8 KiB and 256 KiB (whole KiB): many thumbnails, fewer large variants.
    sizes[i] = 1024 * (int)Math.Exp(Math.Log(8) + (random.NextDouble() * (Math.Log(256) - Math.Log(8))));
}
// The cache only counts the bodies' lengths, so photos of one size share one array: the replay allocates nothing big.
var bodies = sizes.Distinct().ToDictionary(size => size, size => new byte[size]);
var totalBytes = sizes.Sum(s => (long)s);

// Cumulative Zipf weights, sampled by binary search. Rank r is photo r, so popularity is not tied to size.
var cumulative = new double[photos];
var sum = 0.0;
for (var rank = 0; rank < photos; rank++)
{
    sum += 1.0 / Math.Pow(rank + 1, exponent);
    cumulative[rank] = sum;
}
var trace = new int[requests];
for (var i = 0; i < requests; i++)
{
    var index = Array.BinarySearch(cumulative, random.NextDouble() * sum);
    trace[i] = index >= 0 ? index : ~index;
}

Console.WriteLine($"{photos} photos ({totalBytes / (1 << 20)} MiB), {requests} requests, Zipf exponent {exponent.ToString(CultureInfo.InvariantCulture)}");
Console.WriteLine("| cache size (share of all photo bytes) | LRU | segmented LRU | W-TinyLFU | LRU bytes | segmented LRU bytes | W-TinyLFU bytes |");
Console.WriteLine("|---|---|---|---|---|---|---|");
foreach (var share in new[] { 0.01, 0.05, 0.10, 0.20 })
{
    var capacity = (long)(totalBytes * share);
    var lru = Replay(new PhotoCache(capacity, CachePolicy.Lru));
    var slru = Replay(new PhotoCache(capacity, CachePolicy.SegmentedLru));
    var tinyLfu = Replay(new PhotoCache(capacity, CachePolicy.WindowTinyLfu));
    Console.WriteLine($"| {share:P0} | {lru.Hits:P1} | {slru.Hits:P1} | {tinyLfu.Hits:P1} | {lru.Bytes:P1} | {slru.Bytes:P1} | {tinyLfu.Bytes:P1} |");
}

(double Hits, double Bytes) Replay(PhotoCache cache)
{
    long hits = 0, hitBytes = 0, allBytes = 0;
    foreach (var photo in trace)
    {
        var id = new PhotoId(1, (ulong)photo + 1, 0, 0x5eed);
        allBytes += sizes[photo];
        if (cache.TryGet(id, out _))
        {
            hits++;
            hitBytes += sizes[photo];
        }
        else
        {
            cache.Add(id, new CachedPhoto(bodies[sizes[photo]], "image/jpeg", "00000000"));
        }
    }
    return ((double)hits / trace.Length, (double)hitBytes / allBytes);
}
