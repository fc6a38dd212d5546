namespace Haystack.Client.Wire;

/// <summary>One replica's store in a lookup: <c>{"url": "http://127.0.0.1:7101"}</c>.</summary>
internal sealed record LocationAnswer(Uri Url);
