using System.Text.Json.Serialization;

namespace Haystack.Store.Stats;

/// <param name="Count">Successful requests since start.</param>
/// <param name="Bytes">Payload bytes they carried (response bodies for reads, request bodies for writes).</param>
/// <param name="AverageMilliseconds">Mean latency of the latest requests (up to 1000).</param>
public sealed record OperationStatsSnapshot(
    [property: JsonPropertyName("count")] long Count,
    [property: JsonPropertyName("bytes")] long Bytes,
    [property: JsonPropertyName("avg")] double AverageMilliseconds);
